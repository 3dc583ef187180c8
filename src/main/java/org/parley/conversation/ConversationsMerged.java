package org.parley.conversation;

import java.time.Instant;
import java.util.UUID;

/**
 * Two conversations of one customer became one: the messages of {@code absorbedId} moved into {@code survivorId}
 * (whose status, priority, tags and counters were recomputed), and {@code absorbedId} is a closed pointer to it,
 * in no queue. Reports drop the absorbed conversation's facts and recompute the survivor's, SLA clocks follow
 * both, live screens repaint both. Undone by {@link ConversationsUnmerged} with the same {@code mergeId}.
 *
 * @param actorId the agent who merged, else null
 */
public record ConversationsMerged(UUID mergeId, UUID survivorId, UUID absorbedId, UUID customerId, Origin origin,
        UUID actorId, int movedMessages, Instant occurredAt) implements ConversationEvent {

    @Override
    public UUID conversationId() {
        return survivorId;
    }
}
