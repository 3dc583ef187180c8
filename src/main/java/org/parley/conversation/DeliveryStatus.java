package org.parley.conversation;

/** How far an outbound message got on its way to the customer. */
public enum DeliveryStatus {
    QUEUED, SENT, DELIVERED, FAILED
}
