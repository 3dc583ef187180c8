package org.parley.conversation.ui.extension;

import java.util.UUID;
import org.parley.conversation.ConversationStatus;

/**
 * A conversation the viewer may see changed somewhere (on this node or another one), with where it stands now, so
 * that a screen can tell whether the list it shows is touched at all.
 *
 * @param kind {@code message} for a new customer message, otherwise the change ({@code reply},
 *        {@code note}, {@code assignee}, {@code status}, ...)
 * @param status the conversation's status now, or null when not known (then every list counts as touched)
 */
public record ConversationUpdate(UUID conversationId, UUID customerId, String kind, UUID teamId, UUID assigneeId,
        ConversationStatus status) {

    public ConversationUpdate(UUID conversationId, UUID customerId, String kind) {
        this(conversationId, customerId, kind, null, null, null);
    }
}
