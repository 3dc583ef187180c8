package org.parley.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.parley.base.Channel;
import org.parley.base.InvalidInputException;
import org.parley.base.NotFoundException;
import org.parley.customer.CustomerDirectory;
import org.parley.customer.CustomerProfile;
import org.parley.base.events.EventSpine;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbox of outbound messages, as the channel module's dispatcher sees it. A reply is stored
 * QUEUED in the transaction that writes it; the dispatcher {@link #claimDue claims} due messages under
 * a lease, sends them outside any transaction and reports the outcome here. A SENT message is never
 * claimed again.
 */
@Service
public class OutboundQueue {

    private final MessageRepository messages;
    private final ConversationRepository conversations;
    private final CustomerDirectory customers;
    private final EventSpine events;

    OutboundQueue(MessageRepository messages, ConversationRepository conversations, CustomerDirectory customers,
            EventSpine events) {
        this.messages = messages;
        this.conversations = conversations;
        this.customers = customers;
        this.events = events;
    }

    /**
     * Claims up to {@code max} due QUEUED messages for one attempt each: their attempt count goes up and
     * they are not due again before {@code lease} has passed (so a crashed dispatcher's messages come
     * back). Rows locked by another node's dispatcher are skipped.
     */
    @Transactional
    public List<PendingDelivery> claimDue(int max, Duration lease) {
        Instant now = Instant.now();
        List<PendingDelivery> claimed = new ArrayList<>();
        for (Message m : messages.lockDueDeliveries(now, Limit.of(max))) {
            m.claimDelivery(now.plus(lease));
            Optional<Conversation> conversation = conversations.findById(m.getConversationId());
            Optional<CustomerProfile> customer = customers.find(m.getCustomerId());
            String recipient = customer.flatMap(c -> c.identityFor(m.getChannel()))
                    .map(CustomerProfile.IdentityView::value).orElse(null);
            String threadKey = conversation.filter(c -> c.getChannel() == m.getChannel())
                    .map(Conversation::getThreadKey).orElse(null);
            List<String> references = messages.threadExternalIds(m.getConversationId(), m.getChannel());
            claimed.add(new PendingDelivery(m.getId(), m.getConversationId(), m.getCustomerId(), m.getChannel(),
                    m.getSourceAccount(), recipient, customer.map(CustomerProfile::displayName).orElse(null),
                    m.getSubject(), m.getTextBody(), m.getReplyToExternalId(), references, threadKey,
                    m.getDeliveryAttempts()));
        }
        return claimed;
    }

    /** The provider accepted the message. */
    @Transactional
    public void markSent(UUID messageId, String providerMessageId) {
        Message m = load(messageId);
        if (m.getDeliveryStatus() == DeliveryStatus.SENT || m.getDeliveryStatus() == DeliveryStatus.DELIVERED) {
            return;
        }
        m.deliverySent(providerMessageId);
        changed(m);
    }

    /** A reply that no channel sends (an answer given on the phone) is recorded as LOGGED, not as sent. */
    @Transactional
    public void markLogged(UUID messageId) {
        Message m = load(messageId);
        if (m.getDeliveryStatus() == DeliveryStatus.SENT || m.getDeliveryStatus() == DeliveryStatus.LOGGED) {
            return;
        }
        m.deliveryLogged();
        changed(m);
    }

    /**
     * A transient failure of attempt {@code attempt}: due again at {@code next}. Ignored when the
     * message has moved on since (another attempt claimed it, or it was sent).
     */
    @Transactional
    public void retryLater(UUID messageId, int attempt, Instant next, String reason) {
        Message m = load(messageId);
        if (m.getDeliveryStatus() == DeliveryStatus.QUEUED && m.getDeliveryAttempts() == attempt) {
            m.deliveryRetryAt(next, reason);
            changed(m);
        }
    }

    /** A permanent failure, or the last attempt failed: the message stays FAILED until an agent retries it. */
    @Transactional
    public void markFailed(UUID messageId, String reason) {
        Message m = load(messageId);
        if (m.getDeliveryStatus() == DeliveryStatus.SENT || m.getDeliveryStatus() == DeliveryStatus.LOGGED
                || m.getDeliveryStatus() == DeliveryStatus.DELIVERED) {
            return;
        }
        boolean news = m.getDeliveryStatus() != DeliveryStatus.FAILED;
        m.deliveryFailed(reason);
        changed(m);
        if (news) {
            failed(m);
        }
    }

    /** Puts a FAILED message back into the outbox with a fresh set of attempts. */
    @Transactional
    public MessageView retry(UUID messageId) {
        Message m = load(messageId);
        if (m.getDirection() != Direction.OUTBOUND || m.getDeliveryStatus() != DeliveryStatus.FAILED) {
            throw new InvalidInputException("only a failed reply can be sent again");
        }
        m.requeueDelivery(Instant.now());
        events.publish(new ReplyQueued(m.getId(), m.getConversationId(), m.getChannel()));
        changed(m);
        return MessageView.of(m);
    }

    /**
     * A bounce (delivery report) came back for messages we sent with these provider ids: they are marked
     * FAILED with the reason. Returns the ids of the outbound messages found.
     */
    @Transactional
    public List<UUID> recordBounce(Channel channel, Collection<String> providerMessageIds, String reason) {
        return recordFailure(channel, providerMessageIds, "bounced: " + (reason == null ? "undeliverable" : reason));
    }

    /**
     * The provider reported that messages we sent with these ids reached the customer (a delivery or read
     * receipt): SENT becomes DELIVERED. Returns the ids of the outbound messages that changed.
     */
    @Transactional
    public List<UUID> recordDelivered(Channel channel, Collection<String> providerMessageIds) {
        if (providerMessageIds.isEmpty()) {
            return List.of();
        }
        List<UUID> changed = new ArrayList<>();
        for (Message m : messages.findOutboundByProviderIds(channel, providerMessageIds)) {
            if (m.getDeliveryStatus() == DeliveryStatus.SENT) {
                m.deliveryDelivered();
                changed(m);
                changed.add(m.getId());
            }
        }
        return changed;
    }

    /**
     * The provider reported that messages it had accepted with these ids could not be delivered: they are
     * marked FAILED with the reason. Returns the ids of the outbound messages found.
     */
    @Transactional
    public List<UUID> recordFailure(Channel channel, Collection<String> providerMessageIds, String reason) {
        if (providerMessageIds.isEmpty()) {
            return List.of();
        }
        List<UUID> found = new ArrayList<>();
        for (Message m : messages.findOutboundByProviderIds(channel, providerMessageIds)) {
            boolean news = m.getDeliveryStatus() != DeliveryStatus.FAILED;
            m.deliveryFailed(reason == null ? "undeliverable" : reason);
            changed(m);
            if (news) {
                failed(m);
            }
            found.add(m.getId());
        }
        return found;
    }

    /** Whether any of these external ids names a stored message of the channel (in either direction). */
    @Transactional(readOnly = true)
    public boolean knowsAny(Channel channel, Collection<String> externalIds) {
        return !externalIds.isEmpty()
                && !messages.findConversationIdsByExternalIds(channel, externalIds, Limit.of(1)).isEmpty();
    }

    /** One stored message (any direction), e.g. to answer an API call. */
    @Transactional(readOnly = true)
    public MessageView get(UUID messageId) {
        return MessageView.of(load(messageId));
    }

    private Message load(UUID id) {
        return messages.findById(id).orElseThrow(() -> new NotFoundException("message " + id));
    }

    private void failed(Message m) {
        events.publish(new DeliveryFailed(m.getId(), m.getConversationId(), m.getAuthorAgentId(),
                m.getDeliveryError()));
    }

    private void changed(Message m) {
        events.publish(new DeliveryUpdated(m.getId(), m.getConversationId(), m.getCustomerId(), m.getAuthorAgentId(),
                m.getDeliveryStatus(), m.getDeliveryError(), Instant.now()));
    }
}
