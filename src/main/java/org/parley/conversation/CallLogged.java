package org.parley.conversation;

import java.time.Instant;
import java.util.UUID;

/** An outbound phone call was recorded on the customer's phone conversation. */
public record CallLogged(UUID messageId, UUID conversationId, UUID customerId, UUID agentId, boolean newConversation,
        Instant occurredAt) implements ConversationEvent {
}
