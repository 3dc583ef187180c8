package org.parley.conversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.parley.base.Channel;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;

/**
 * Decides which conversation an incoming message belongs to:
 * <ol>
 * <li>a thread hint (in-reply-to or references) naming an earlier message → that message's conversation,
 *     unless it is closed;</li>
 * <li>a thread key seen before on the same channel → that conversation, unless closed; the key of a conversation
 *     that was merged into another one leads to the one it was merged into (unless that is closed);</li>
 * <li>the customer's open or pending conversation on the same channel, active within the window, with the
 *     same subject without Re:/Fwd:/AW:/WG:/SV: prefixes; by email a different subject starts a new
 *     conversation, on other channels the latest active conversation takes the message;</li>
 * <li>otherwise none: a new conversation starts.</li>
 * </ol>
 */
@Component
class Threading {

    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final ThreadingProperties properties;

    Threading(ConversationRepository conversations, MessageRepository messages, ThreadingProperties properties) {
        this.conversations = conversations;
        this.messages = messages;
        this.properties = properties;
    }

    java.time.Duration window() {
        return properties.window();
    }

    Optional<Conversation> findThread(IncomingMessage in, Batch batch) {
        List<String> hints = hints(in);
        if (!hints.isEmpty()) {
            for (UUID earlier : batch.conversationsNamedBy(in.channel(), hints, 5)) {
                Optional<Conversation> byHint = conversations.findById(earlier)
                        .filter(c -> c.getStatus() != ConversationStatus.CLOSED);
                if (byHint.isPresent()) {
                    return byHint;
                }
            }
        }
        if (in.threadKey() != null && !in.threadKey().isBlank()) {
            Optional<Conversation> byKey = conversations.findByThreadKey(in.channel(), in.threadKey().strip(), Limit.of(1))
                    .stream().findFirst();
            if (byKey.isPresent()) {
                return byKey;
            }
            Optional<Conversation> byMergedKey = conversations.findMergedByThreadKey(in.channel(),
                    in.threadKey().strip(), Limit.of(1)).stream().findFirst().flatMap(this::survivorOf)
                    .filter(c -> c.getStatus() != ConversationStatus.CLOSED);
            if (byMergedKey.isPresent()) {
                return byMergedKey;
            }
        }
        // a public comment never joins a private DM conversation, nor a DM a public thread
        boolean publicThread = in.channel().isPublicThread(in.threadKey());
        Instant since = in.receivedAt().minus(properties.window());
        List<Conversation> active = batch.activeOf(in.customerId(), in.channel(), since, SUBJECT_CANDIDATES)
                .orElseGet(() -> conversations.findActiveOfCustomer(in.customerId(), in.channel(), since,
                        Limit.of(SUBJECT_CANDIDATES)))
                .stream().filter(c -> in.channel().isPublicThread(c.getThreadKey()) == publicThread).toList();
        String subject = normalizeSubject(in.subject());
        if (!subject.isEmpty()) {
            // mail without usable thread headers: the same customer's active conversation on the same topic
            Optional<Conversation> bySubject = active.stream()
                    .filter(c -> subject.equals(normalizeSubject(c.getSubject()))).findFirst();
            if (bySubject.isPresent() || in.channel() == Channel.EMAIL) {
                return bySubject; // a new subject by email is a new topic, not the latest open conversation
            }
        }
        return active.stream().findFirst();
    }

    /** In-Reply-To first, then the references newest first (Outlook and others sometimes drop In-Reply-To). */
    private static List<String> hints(IncomingMessage in) {
        List<String> hints = new ArrayList<>();
        if (in.inReplyTo() != null && !in.inReplyTo().isBlank()) {
            hints.add(in.inReplyTo().strip());
        }
        for (int i = in.references().size() - 1; i >= 0; i--) {
            String ref = in.references().get(i);
            if (ref != null && !ref.isBlank() && !hints.contains(ref.strip())) {
                hints.add(ref.strip());
            }
        }
        return hints;
    }

    /** Most active conversations a batch reads ahead per customer before it asks for each message instead. */
    private static final int READ_AHEAD_PER_CUSTOMER = 50;

    /**
     * Reads what threading and the duplicate check of these messages look up, in two queries: the stored messages
     * that their external ids and thread hints name (ids, not the messages: those would be read whole, bodies
     * included), and their customers' active conversations.
     */
    Batch readAhead(List<IncomingMessage> incoming) {
        Set<String> externalIds = new HashSet<>();
        Set<UUID> customers = new HashSet<>();
        Set<Channel> channels = new HashSet<>();
        Instant since = null;
        for (IncomingMessage in : incoming) {
            if (in.externalId() != null) {
                externalIds.add(in.externalId());
            }
            externalIds.addAll(hints(in));
            customers.add(in.customerId());
            channels.add(in.channel());
            Instant from = in.receivedAt().minus(properties.window());
            since = since == null || from.isBefore(since) ? from : since;
        }
        Batch batch = new Batch();
        if (!externalIds.isEmpty()) {
            for (Object[] row : messages.findKnownByExternalIds(channels, externalIds)) {
                batch.known.put(new Batch.Key((Channel) row[0], (String) row[1]),
                        new Batch.Known((UUID) row[2], (UUID) row[3], (UUID) row[4], (Instant) row[5]));
            }
        }
        int limit = READ_AHEAD_PER_CUSTOMER * customers.size();
        List<Conversation> active = conversations.findActiveOfCustomers(customers, channels, since, limit + 1);
        if (active.size() <= limit) {
            batch.active = new HashMap<>();
            customers.forEach(id -> batch.active.put(id, new ArrayList<>()));
            active.forEach(batch::touched);
        }
        return batch;
    }

    /**
     * What the messages of one batch look up, read ahead by {@link #readAhead} and kept current as each message
     * is stored ({@link #stored}): a batch answers what a query would answer for the next message once the ones
     * before it were written. The conversations are the persistence context's own, changed in place, so only the
     * set needs keeping: every conversation that is active or takes a message of the batch.
     */
    static final class Batch {

        private record Key(Channel channel, String externalId) {
        }

        /** A stored message as a duplicate or a thread hint needs it. */
        record Known(UUID messageId, UUID conversationId, UUID customerId, Instant occurredAt) {
        }

        private final Map<Key, Known> known = new HashMap<>();
        /** Active conversations by customer; null when there were too many to read ahead (then each asks). */
        private Map<UUID, List<Conversation>> active;

        /** The stored message with this channel and external id. */
        Optional<Known> message(Channel channel, String externalId) {
            return Optional.ofNullable(known.get(new Key(channel, externalId)));
        }

        /** The conversations of the messages these hints name, newest message first: the hint query's answer. */
        List<UUID> conversationsNamedBy(Channel channel, List<String> hints, int limit) {
            return hints.stream().map(hint -> known.get(new Key(channel, hint))).filter(Objects::nonNull)
                    .sorted(Comparator.comparing(Known::occurredAt).reversed()).limit(limit)
                    .map(Known::conversationId).toList();
        }

        /** The customer's open or pending conversations on the channel active since then, latest first. */
        Optional<List<Conversation>> activeOf(UUID customerId, Channel channel, Instant since, int limit) {
            if (active == null) {
                return Optional.empty();
            }
            return Optional.of(active.getOrDefault(customerId, List.of()).stream()
                    .filter(c -> c.getChannel() == channel && !c.getLastActivityAt().isBefore(since)
                            && (c.getStatus() == ConversationStatus.OPEN || c.getStatus() == ConversationStatus.PENDING))
                    .sorted(Comparator.comparing(Conversation::getLastActivityAt).reversed()
                            .thenComparing(Conversation::getId, Comparator.reverseOrder()))
                    .limit(limit).toList());
        }

        /** A message was stored: later duplicates and hints find it, and its conversation is a candidate. */
        void stored(Message message, Conversation conversation) {
            if (message.getExternalId() != null) {
                known.put(new Key(message.getChannel(), message.getExternalId()), new Known(message.getId(),
                        conversation.getId(), message.getCustomerId(), message.getOccurredAt()));
            }
            touched(conversation);
        }

        private void touched(Conversation conversation) {
            if (active != null) {
                List<Conversation> ofCustomer = active.computeIfAbsent(conversation.getCustomerId(),
                        id -> new ArrayList<>());
                if (!ofCustomer.contains(conversation)) {
                    ofCustomer.add(conversation);
                }
            }
        }
    }

    private static final int SUBJECT_CANDIDATES = 20;

    /** The conversation a merged one was merged into, following merges of merges. */
    private Optional<Conversation> survivorOf(Conversation merged) {
        Optional<Conversation> current = Optional.of(merged);
        for (int hops = 0; hops < 20 && current.isPresent() && current.get().getMergedInto() != null; hops++) {
            current = conversations.findById(current.get().getMergedInto());
        }
        return current.filter(c -> c.getMergedInto() == null);
    }

    static String normalizeSubject(String subject) {
        return Subjects.normalize(subject);
    }
}
