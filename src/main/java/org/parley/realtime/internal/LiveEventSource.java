package org.parley.realtime.internal;

import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.parley.conversation.ConversationChanged;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationView;
import org.parley.conversation.MessageReceived;
import org.parley.customer.CustomerDirectory;
import org.parley.realtime.LiveBus;
import org.parley.realtime.LiveEvent;
import org.parley.team.TeamDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Turns the conversation module's events into {@link LiveEvent}s once their transaction has
 * committed (so nobody is told about something a rollback takes back). The summary is read on one
 * background thread, in order, so that the ingest request does not wait for it.
 */
@Component
class LiveEventSource {

    private static final Logger log = LoggerFactory.getLogger(LiveEventSource.class);

    private final ConversationService conversations;
    private final CustomerDirectory customers;
    private final TeamDirectory team;
    private final LiveBus bus;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "parley-live-events");
        t.setDaemon(true);
        return t;
    });

    LiveEventSource(ConversationService conversations, CustomerDirectory customers, TeamDirectory team, LiveBus bus) {
        this.conversations = conversations;
        this.customers = customers;
        this.team = team;
        this.bus = bus;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(MessageReceived event) {
        worker.execute(() -> emit(LiveEvent.MESSAGE_RECEIVED, "message", event.conversationId(), event.messageId(),
                event.newConversation()));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(ConversationChanged event) {
        worker.execute(() -> emit(LiveEvent.CONVERSATION_CHANGED, event.change(), event.conversationId(), null, false));
    }

    /** An SLA escalation changed the conversation (priority, queue): screens showing it refresh. */
    void escalated(UUID conversationId) {
        worker.execute(() -> emit(LiveEvent.CONVERSATION_CHANGED, "escalation", conversationId, null, false));
    }

    private void emit(String type, String change, UUID conversationId, UUID messageId, boolean newConversation) {
        try {
            Optional<ConversationView> found = conversations.find(conversationId);
            if (found.isEmpty()) {
                return;
            }
            ConversationView c = found.get();
            String customerName = customers.names(Set.of(c.customerId())).get(c.customerId());
            String assigneeName = null;
            if (c.assigneeId() != null) {
                Map<UUID, String> names = team.agentNames(List.of(c.assigneeId()));
                assigneeName = names.get(c.assigneeId());
            }
            bus.publish(new LiveEvent(type, change, c.id(), c.customerId(), messageId, c.teamId(), c.assigneeId(),
                    assigneeName, customerName, c.channel(), c.subject(), c.snippet(), c.status().name(),
                    c.priority().name(), newConversation, c.lastActivityAt(), bus.node()));
        } catch (RuntimeException e) {
            log.warn("Could not publish the live event of conversation {}: {}", conversationId, e.toString());
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdown();
    }
}
