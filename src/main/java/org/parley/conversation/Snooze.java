package org.parley.conversation;

import java.time.Instant;

/**
 * How a conversation is parked: until a time, until the customer replies, or both (whichever comes first; a
 * customer's message always wakes it). A conversation that is not snoozed has no {@code Snooze} (null).
 *
 * @param until when it wakes by itself, or null
 * @param untilReply it waits for the customer's next message
 */
public record Snooze(Instant until, boolean untilReply) {
}
