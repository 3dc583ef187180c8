package org.parley.sla;

import jakarta.persistence.EntityManager;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The sweep's one query: due clocks, locked, skipping rows another node is working on. */
@Component
class SweepQueries {

    private final EntityManager em;

    SweepQueries(EntityManager em) {
        this.em = em;
    }

    /** Must run inside a transaction: the rows stay locked until it ends. */
    List<UUID> lockDue(Instant now, int limit) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery("SELECT conversation_id FROM sla_clock WHERE next_check_at <= ?1"
                        + " ORDER BY next_check_at LIMIT ?2 FOR UPDATE SKIP LOCKED")
                .setParameter(1, now)
                .setParameter(2, limit)
                .getResultList();
        return rows.stream().map(SweepQueries::uuid).toList();
    }

    static UUID uuid(Object value) {
        if (value instanceof UUID id) {
            return id;
        }
        ByteBuffer bytes = ByteBuffer.wrap((byte[]) value);
        return new UUID(bytes.getLong(), bytes.getLong());
    }
}
