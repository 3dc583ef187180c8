package org.parley.channel.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.parley.base.Channel;
import org.parley.base.PeriodicRound;
import org.parley.base.events.CommittedEventsListener;
import org.parley.base.events.DomainEvent;
import org.parley.conversation.OutboundQueue;
import org.parley.conversation.PendingDelivery;
import org.parley.conversation.ReplyQueued;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Sends what waits in the outbox, on every channel. It claims due QUEUED messages in a short
 * transaction (row locks, {@code SKIP LOCKED} on MySQL/MariaDB, and a lease: the claim moves the
 * message's next attempt time forward), calls the channel's {@link ChannelSender} outside any
 * transaction, then records SENT with the provider's id, a later attempt with exponential backoff, or
 * FAILED with the reason. It runs every {@code parley.outbox.poll-interval} and right after a reply
 * is committed.
 *
 * <p>Channels without a sender: replies on {@link Channel#API} and {@link Channel#PHONE} are records of
 * what the agent answered: an API reply is marked SENT without a provider id (the integration reads it
 * over the API), a phone answer LOGGED (it was given on the phone; nothing was sent). Any other channel without a connected sender is
 * marked FAILED with "no connected account for channel X", so the timeline shows it honestly.
 */
@Component
public class OutboxDispatcher implements SmartLifecycle, CommittedEventsListener {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final OutboundQueue queue;
    private final ObjectProvider<ChannelSender> senders;
    private final OutboxProperties properties;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final PeriodicRound polling;

    OutboxDispatcher(OutboundQueue queue, ObjectProvider<ChannelSender> senders, OutboxProperties properties,
            @Qualifier("parleyScheduler") TaskScheduler scheduler) {
        this.queue = queue;
        this.senders = senders;
        this.properties = properties;
        this.polling = new PeriodicRound("outbox", scheduler, this::round);
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            log.info("outbox dispatching is disabled on this node (parley.outbox.enabled=false)");
            return;
        }
        polling.start(Duration.ofMillis(Math.max(100, properties.pollInterval().toMillis())));
    }

    @Override
    public void stop() {
        polling.stop(); // lets a round in progress finish its attempt
    }

    @Override
    public boolean isRunning() {
        return polling.isStarted();
    }

    /** A reply was committed: send it now rather than at the next poll. */
    @Override
    public void committed(List<DomainEvent> events) {
        if (polling.isStarted() && events.stream().anyMatch(ReplyQueued.class::isInstance)
                && pending.compareAndSet(false, true)) {
            polling.wakeUp();
        }
    }

    /** One round (one at a time on this node); a wake-up during a round runs one more. */
    private void round() {
        do {
            pending.set(false);
            dispatchDue();
        } while (pending.get() && polling.isStarted());
    }

    /** Sends every message that is due now; returns how many attempts were made. */
    public int dispatchDue() {
        int attempts = 0;
        while (true) {
            List<PendingDelivery> batch = queue.claimDue(properties.batchSize(), properties.lease());
            for (PendingDelivery delivery : batch) {
                deliver(delivery);
                attempts++;
            }
            if (batch.size() < properties.batchSize()) {
                return attempts;
            }
        }
    }

    private void deliver(PendingDelivery p) {
        Optional<ChannelSender> sender = senders.orderedStream().filter(s -> s.supports(p.channel())).findFirst();
        if (sender.isEmpty()) {
            if (p.channel() == Channel.PHONE) {
                queue.markLogged(p.messageId());
            } else if (p.channel() == Channel.API) {
                queue.markSent(p.messageId(), null);
            } else {
                fail(p, "no connected account for channel " + p.channel().name());
            }
            return;
        }
        if (p.recipient() == null) {
            fail(p, "the customer has no " + p.channel().label() + " identity to send to");
            return;
        }
        OutboundDelivery delivery = new OutboundDelivery(p.messageId(), p.conversationId(), p.customerId(),
                p.channel(), p.account(), p.recipient(), p.recipientName(), p.subject(), p.text(), p.inReplyTo(),
                p.references(), p.threadKey(), idempotencyKey(p), p.channel().isPublicThread(p.threadKey()));
        try {
            DeliveryReceipt receipt = sender.get().send(delivery);
            queue.markSent(p.messageId(), receipt == null ? null : receipt.providerMessageId());
            log.debug("outbound message {} sent on {} (attempt {})", p.messageId(), p.channel(), p.attempt());
        } catch (DeliveryException e) {
            if (e.isTransient()) {
                failedTransiently(p, e.getMessage());
            } else {
                fail(p, e.getMessage());
            }
        } catch (RuntimeException e) {
            failedTransiently(p, e.toString());
        }
    }

    /** The same on every attempt of a message: providers that take an idempotency key drop repeats. */
    static String idempotencyKey(PendingDelivery p) {
        return "parley-" + p.messageId();
    }

    private void failedTransiently(PendingDelivery p, String reason) {
        if (p.attempt() >= properties.maxAttempts()) {
            fail(p, reason + " (gave up after " + p.attempt() + " attempts)");
            return;
        }
        Instant next = Instant.now().plus(properties.backoffAfter(p.attempt()));
        log.info("outbound message {} on {}: attempt {} failed ({}), next at {}", p.messageId(), p.channel(),
                p.attempt(), reason, next);
        queue.retryLater(p.messageId(), p.attempt(), next, reason);
    }

    private void fail(PendingDelivery p, String reason) {
        log.info("outbound message {} on {} FAILED: {}", p.messageId(), p.channel(), reason);
        queue.markFailed(p.messageId(), reason);
    }
}
