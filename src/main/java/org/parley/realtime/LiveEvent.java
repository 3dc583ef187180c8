package org.parley.realtime;

import java.time.Instant;
import java.util.UUID;
import org.parley.base.Channel;

/**
 * One change of a conversation as screens, STOMP clients and other nodes see it: the ids plus a
 * short summary, so that a wallboard needs no extra call. This is also the JSON payload of the
 * STOMP topics.
 *
 * @param type {@code message.received} (a customer wrote) or {@code conversation.changed}
 * @param change for {@code conversation.changed}: {@code reply}, {@code note}, {@code assignee},
 *        {@code status}, {@code priority}, {@code tags}, {@code team}; for a message: {@code message}
 * @param messageId the customer's message (for {@code message.received}), otherwise null
 * @param node the node the change happened on (a node ignores its own events coming back from the broker)
 */
public record LiveEvent(String type, String change, UUID conversationId, UUID customerId, UUID messageId,
        UUID teamId, UUID assigneeId, String assigneeName, String customerName, Channel channel, String subject,
        String snippet, String status, String priority, boolean newConversation, Instant occurredAt, String node) {

    public static final String MESSAGE_RECEIVED = "message.received";
    public static final String CONVERSATION_CHANGED = "conversation.changed";
}
