package org.parley.webhook;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parley.base.events.DomainEvent;
import org.parley.base.events.EventSubscriber;
import org.parley.conversation.ConversationChanged;
import org.parley.conversation.ConversationChanged.Assigned;
import org.parley.conversation.ConversationChanged.StatusChanged;
import org.parley.conversation.DeliveryFailed;
import org.parley.conversation.DeliveryStatus;
import org.parley.conversation.DeliveryUpdated;
import org.parley.conversation.ConversationsMerged;
import org.parley.conversation.ConversationsUnmerged;
import org.parley.conversation.MessageReceived;
import org.parley.customer.CustomersMerged;
import org.parley.sla.EscalationLevel;
import org.parley.sla.EscalationRaised;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns Parley's events into webhook deliveries, in the transaction that reads them: the spine's batch
 * transaction for conversation and SLA events (which commits the subscriber's position with the deliveries, so
 * each event is enqueued exactly once), the merge's own transaction for {@code customer.merged}. The payload
 * carries ids and a short summary, never message text.
 */
@Component
class WebhookTriggers implements EventSubscriber {

    private final Webhooks webhooks;

    WebhookTriggers(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Override
    public String name() {
        return "webhooks";
    }

    @Override
    public boolean accepts(Class<? extends DomainEvent> type) {
        return type == MessageReceived.class || type == ConversationChanged.class || type == DeliveryUpdated.class
                || type == DeliveryFailed.class || type == EscalationRaised.class
                || type == ConversationsMerged.class || type == ConversationsUnmerged.class;
    }

    @Override
    public void handle(List<DomainEvent> events) {
        for (DomainEvent event : events) {
            switch (event) {
                case MessageReceived m -> received(m);
                case ConversationChanged c -> changed(c);
                case DeliveryUpdated u when u.status() == DeliveryStatus.SENT -> webhooks.enqueue(
                        WebhookEvent.MESSAGE_SENT, u.occurredAt(), data("messageId", u.messageId(), "conversationId",
                                u.conversationId(), "customerId", u.customerId(), "agentId", u.agentId(), "summary",
                                "reply sent"));
                case DeliveryFailed f -> webhooks.enqueue(WebhookEvent.MESSAGE_FAILED, null, data("messageId",
                        f.messageId(), "conversationId", f.conversationId(), "agentId", f.agentId(), "summary",
                        "reply not delivered: " + (f.reason() == null ? "unknown reason" : f.reason())));
                case EscalationRaised e when e.level() == EscalationLevel.BREACH -> webhooks.enqueue(
                        WebhookEvent.SLA_BREACHED, e.at(), data("escalationId", e.escalationId(), "conversationId",
                                e.conversationId(), "teamId", e.teamId(), "target", e.kind().name(), "dueAt",
                                e.dueAt() == null ? null : e.dueAt().toString(), "summary", e.kind().name()
                                        + " target breached"));
                case ConversationsMerged m -> webhooks.enqueue(WebhookEvent.CONVERSATION_MERGED, m.occurredAt(), data(
                        "conversationId", m.survivorId(), "absorbedId", m.absorbedId(), "customerId", m.customerId(),
                        "mergeId", m.mergeId(), "movedMessages", m.movedMessages(), "actorId", m.actorId(), "summary",
                        "conversations merged"));
                case ConversationsUnmerged u -> webhooks.enqueue(WebhookEvent.CONVERSATION_UNMERGED, u.occurredAt(),
                        data("conversationId", u.survivorId(), "absorbedId", u.absorbedId(), "customerId",
                                u.customerId(), "mergeId", u.mergeId(), "movedMessages", u.movedMessages(), "actorId",
                                u.actorId(), "summary", "conversation merge undone"));
                default -> {
                }
            }
        }
    }

    private void received(MessageReceived m) {
        if (m.newConversation()) {
            webhooks.enqueue(WebhookEvent.CONVERSATION_CREATED, m.occurredAt(), data("conversationId",
                    m.conversationId(), "customerId", m.customerId(), "channel", m.channel().name(), "summary",
                    "new conversation on " + m.channel().name()));
        }
        webhooks.enqueue(WebhookEvent.MESSAGE_RECEIVED, m.occurredAt(), data("messageId", m.messageId(),
                "conversationId", m.conversationId(), "customerId", m.customerId(), "channel", m.channel().name(),
                "newConversation", m.newConversation(), "reopened", m.reopened(), "summary",
                "customer message on " + m.channel().name()));
    }

    private void changed(ConversationChanged c) {
        Instant at = c.occurredAt();
        c.find(Assigned.class).ifPresent(a -> webhooks.enqueue(WebhookEvent.CONVERSATION_ASSIGNED, at, data(
                "conversationId", c.conversationId(), "customerId", c.customerId(), "from", a.from(), "to", a.to(),
                "actorId", c.actorId(), "origin", c.origin() == null ? null : c.origin().name(), "summary",
                a.to() == null ? "unassigned" : "assigned")));
        c.find(StatusChanged.class).ifPresent(s -> webhooks.enqueue(WebhookEvent.CONVERSATION_STATUS_CHANGED, at,
                data("conversationId", c.conversationId(), "customerId", c.customerId(), "from",
                        s.from() == null ? null : s.from().name(), "to", s.to() == null ? null : s.to().name(),
                        "actorId", c.actorId(), "origin", c.origin() == null ? null : c.origin().name(), "summary",
                        "status " + s.from() + " -> " + s.to())));
    }

    /** Synchronous, inside the merge transaction: the delivery commits (or rolls back) with the merge. */
    @EventListener
    void on(CustomersMerged merged) {
        webhooks.enqueue(WebhookEvent.CUSTOMER_MERGED, null, data("survivorId", merged.survivorId(), "absorbedId",
                merged.absorbedId(), "mergeId", merged.mergeId(), "summary", "customers merged"));
    }

    private static Map<String, Object> data(Object... keysAndValues) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            data.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return data;
    }
}
