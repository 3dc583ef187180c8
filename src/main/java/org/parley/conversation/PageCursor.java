package org.parley.conversation;

import java.time.Instant;
import java.util.UUID;

/** The position of a row in "newest activity first" order; the next page starts after it. */
public record PageCursor(Instant lastActivityAt, UUID id) {
}
