package org.parley.conversation;

/** The conversation is no longer at the version the caller read: it carries the current state. */
public class VersionConflict extends RuntimeException {

    private final transient ConversationView current;

    public VersionConflict(ConversationView current) {
        super("the conversation was changed by someone else (now at version " + current.version()
                + "); reload and retry");
        this.current = current;
    }

    public ConversationView current() {
        return current;
    }
}
