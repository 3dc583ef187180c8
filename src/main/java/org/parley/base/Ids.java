package org.parley.base;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered UUIDs (version 7, RFC 9562). Assigned in Java so that inserts can be batched and
 * index pages fill in order, unlike random v4 ids.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static UUID newId() {
        long millis = System.currentTimeMillis();
        long randA = RANDOM.nextInt(1 << 12);
        long msb = (millis << 16) | (0x7L << 12) | randA;
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
