package org.parley.conversation;

/** INBOUND from the customer, OUTBOUND to the customer, NOTE an internal note agents see only. */
public enum Direction {
    INBOUND, OUTBOUND, NOTE
}
