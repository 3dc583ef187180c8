package org.parley.webhook;

import java.util.Arrays;
import java.util.Optional;

/** The events a subscription can ask for, by their wire names. */
enum WebhookEvent {
    CONVERSATION_CREATED("conversation.created"),
    MESSAGE_RECEIVED("message.received"),
    MESSAGE_SENT("message.sent"),
    MESSAGE_FAILED("message.failed"),
    CONVERSATION_ASSIGNED("conversation.assigned"),
    CONVERSATION_STATUS_CHANGED("conversation.status_changed"),
    SLA_BREACHED("sla.breached"),
    CUSTOMER_MERGED("customer.merged"),
    CONVERSATION_MERGED("conversation.merged"),
    CONVERSATION_UNMERGED("conversation.unmerged");

    private final String wire;

    WebhookEvent(String wire) {
        this.wire = wire;
    }

    String wire() {
        return wire;
    }

    static Optional<WebhookEvent> of(String wire) {
        return Arrays.stream(values()).filter(e -> e.wire.equals(wire)).findFirst();
    }
}
