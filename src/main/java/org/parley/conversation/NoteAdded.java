package org.parley.conversation;

import java.time.Instant;
import java.util.UUID;

/**
 * An internal note: by an agent, or by Parley itself ({@code agentId} null, e.g. a routing decision).
 *
 * @param text the note, for @mentions
 */
public record NoteAdded(UUID messageId, UUID conversationId, UUID customerId, UUID agentId, String authorName,
        String text, Instant occurredAt) implements ConversationEvent {
}
