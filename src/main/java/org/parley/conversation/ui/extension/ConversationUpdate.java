package org.parley.conversation.ui.extension;

import java.util.UUID;

/**
 * A conversation the viewer may see changed somewhere (on this node or another one).
 *
 * @param kind {@code message} for a new customer message, otherwise the change ({@code reply},
 *        {@code note}, {@code assignee}, {@code status}, ...)
 */
public record ConversationUpdate(UUID conversationId, UUID customerId, String kind) {
}
