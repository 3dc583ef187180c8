package org.parley.conversation;

import java.util.UUID;

/**
 * An agent changed a conversation or added to it.
 *
 * @param change what changed, e.g. {@code status}, {@code assignee}, {@code reply}, {@code note}
 */
public record ConversationChanged(UUID conversationId, UUID customerId, String change) {
}
