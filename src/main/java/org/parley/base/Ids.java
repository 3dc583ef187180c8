package org.parley.base;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time-ordered UUIDs (version 7, RFC 9562). Assigned in Java so that inserts can be batched and
 * index pages fill in order, unlike random v4 ids.
 * <p>
 * Within one JVM every id is greater than the one before (RFC 9562 section 6.2, method 1: the 12 bits after
 * the millisecond are a counter). Rows ordered by a timestamp and then by id, such as a conversation's
 * messages, therefore keep the order they were written in when their timestamps are equal.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int COUNTER_BITS = 12;
    /** The millisecond and counter of the last id, as {@code millis << 12 | counter}. */
    private static final AtomicLong LAST = new AtomicLong();

    private Ids() {
    }

    public static UUID newId() {
        long now = System.currentTimeMillis() << COUNTER_BITS;
        // more than 4096 ids in one millisecond borrow the next millisecond rather than go back
        long stamp = LAST.updateAndGet(last -> Math.max(last + 1, now));
        long millis = stamp >>> COUNTER_BITS;
        long counter = stamp & ((1L << COUNTER_BITS) - 1);
        long msb = (millis << 16) | (0x7L << 12) | counter;
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /** Parses a UUID, turning malformed text into a clear input error. */
    public static UUID parse(String text, String what) {
        try {
            return UUID.fromString(text.trim());
        } catch (RuntimeException e) {
            throw new InvalidInputException(what + " is not a valid id: " + text);
        }
    }
}
