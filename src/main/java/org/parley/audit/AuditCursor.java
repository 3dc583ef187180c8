package org.parley.audit;

import java.time.Instant;
import java.util.UUID;

/** The position of an entry in "newest first" order; the next page starts after it. */
public record AuditCursor(Instant occurredAt, UUID id) {

    static AuditCursor of(AuditEntry entry) {
        return new AuditCursor(entry.getOccurredAt(), entry.getId());
    }
}
