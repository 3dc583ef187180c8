package org.parley.conversation;

import java.util.UUID;

/** Where an incoming message was stored; {@code duplicate} when it had been stored before. */
public record StoredMessage(UUID messageId, UUID conversationId, UUID customerId, boolean duplicate) {
}
