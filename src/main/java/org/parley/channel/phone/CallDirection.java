package org.parley.channel.phone;

/** INBOUND: the customer called us; OUTBOUND: we called the customer. */
public enum CallDirection {
    INBOUND, OUTBOUND
}
