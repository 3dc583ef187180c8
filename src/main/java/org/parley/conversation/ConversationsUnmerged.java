package org.parley.conversation;

import java.time.Instant;
import java.util.UUID;

/**
 * Merge {@code mergeId} is undone: the messages it moved are back in {@code absorbedId}, which has its former
 * state again, and {@code survivorId} is recomputed (messages that arrived in it after the merge stay there).
 */
public record ConversationsUnmerged(UUID mergeId, UUID survivorId, UUID absorbedId, UUID customerId, Origin origin,
        UUID actorId, int movedMessages, Instant occurredAt) implements ConversationEvent {

    @Override
    public UUID conversationId() {
        return survivorId;
    }
}
