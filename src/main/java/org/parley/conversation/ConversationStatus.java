package org.parley.conversation;

/** Where a conversation stands. A customer reply brings PENDING and RESOLVED back to OPEN. */
public enum ConversationStatus {
    OPEN, PENDING, RESOLVED, CLOSED;

    public boolean isActive() {
        return this == OPEN || this == PENDING;
    }
}
