package org.parley.sla;

/** What an SLA measures: time to the first answer, to the next answer after a customer reply, to resolution. */
public enum SlaTarget {
    FIRST_RESPONSE, NEXT_RESPONSE, RESOLUTION
}
