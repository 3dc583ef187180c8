package org.parley.conversation;

/**
 * How far an outbound message got on its way to the customer. {@link #LOGGED} is a reply that nothing
 * sends: an agent's answer on the phone, recorded so the timeline shows what was said.
 */
public enum DeliveryStatus {
    QUEUED, SENT, DELIVERED, FAILED, LOGGED
}
