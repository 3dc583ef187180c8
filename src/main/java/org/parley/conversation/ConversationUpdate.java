package org.parley.conversation;

import java.util.List;
import java.util.UUID;

/**
 * What one edit changes in a conversation: a null status, priority or tag list stays as it is; team and
 * assignee say whether they are given, because "no team" and "unassigned" are values too (null).
 *
 * @param tags the whole new list of tags
 */
public record ConversationUpdate(ConversationStatus status, Priority priority, boolean teamGiven, UUID teamId,
        boolean assigneeGiven, UUID assigneeId, List<String> tags) {

    public boolean isEmpty() {
        return status == null && priority == null && !teamGiven && !assigneeGiven && tags == null;
    }
}
