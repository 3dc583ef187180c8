package org.parley.channel;

import java.util.UUID;

/** Where an inbound message landed; {@code duplicate} when it had been received before. */
public record IngestResult(UUID messageId, UUID conversationId, UUID customerId, boolean duplicate) {
}
