package org.parley.reply;

import java.util.List;
import org.parley.conversation.ConversationStatus;
import org.parley.conversation.Priority;

/**
 * What using a canned response also does to the conversation (each part optional).
 *
 * @param addTags tags added to the conversation's tags
 * @param assign {@code SELF}: to the agent using it; {@code NOBODY}: unassigned; null: unchanged
 */
public record Macro(ConversationStatus status, Priority priority, List<String> addTags, Assign assign) {

    public enum Assign {
        SELF, NOBODY
    }

    public static final Macro NONE = new Macro(null, null, List.of(), null);

    public Macro {
        addTags = addTags == null ? List.of() : List.copyOf(addTags);
    }

    public boolean isEmpty() {
        return status == null && priority == null && addTags.isEmpty() && assign == null;
    }

    /** A short description for lists, e.g. "status Resolved, tags billing". */
    public String describe() {
        StringBuilder b = new StringBuilder();
        if (status != null) {
            b.append("status ").append(status.name().toLowerCase());
        }
        if (priority != null) {
            b.append(b.isEmpty() ? "" : ", ").append("priority ").append(priority.name().toLowerCase());
        }
        if (!addTags.isEmpty()) {
            b.append(b.isEmpty() ? "" : ", ").append("tags ").append(String.join(" ", addTags));
        }
        if (assign != null) {
            b.append(b.isEmpty() ? "" : ", ").append(assign == Assign.SELF ? "assign to me" : "unassign");
        }
        return b.toString();
    }
}
