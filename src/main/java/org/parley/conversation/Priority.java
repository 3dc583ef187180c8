package org.parley.conversation;

public enum Priority {
    LOW, NORMAL, HIGH, URGENT
}
