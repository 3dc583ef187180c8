package org.parley.conversation;

import java.time.Instant;
import java.util.UUID;

/**
 * The outbox delivered a reply, or gave up on it.
 *
 * @param agentId who wrote the reply (null for Parley's own auto-replies)
 * @param error why it failed, for FAILED
 */
public record DeliveryUpdated(UUID messageId, UUID conversationId, UUID customerId, UUID agentId,
        DeliveryStatus status, String error, Instant occurredAt) implements ConversationEvent {
}
