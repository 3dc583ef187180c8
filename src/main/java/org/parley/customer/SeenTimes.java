package org.parley.customer;

import static org.parley.base.persistence.JdbcValues.binary;
import static org.parley.base.persistence.JdbcValues.utc;

import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes when customers were first and last seen, for many customers in one batched statement. Every message moves
 * its customer's last-seen time; written through the entity (then a {@code @DynamicUpdate} one, whose updates
 * Hibernate does not batch) that was an update of its own per message, most of the statements of an ingest batch.
 * So the columns are not updatable through {@link Customer}: whatever changes them writes them here, in the
 * caller's transaction.
 */
@Component
class SeenTimes {

    private static final String WRITE = "UPDATE customer SET created_at = ?, last_seen_at = ? WHERE id = ?";

    private final JdbcTemplate jdbc;
    private final EntityManager em;

    SeenTimes(JdbcTemplate jdbc, EntityManager em) {
        this.jdbc = jdbc;
        this.em = em;
    }

    /** Writes the customers' times as they are now. */
    void write(Collection<Customer> changed) {
        if (changed.isEmpty()) {
            return;
        }
        List<Customer> customers = List.copyOf(changed);
        int[] written = jdbc.batchUpdate(WRITE, customers.stream().map(SeenTimes::values).toList());
        // a customer this transaction created is no row until its insert is flushed, and that insert carries the
        // times it was created with (a later change of a column that is not updatable is no update): the same
        // sender twice in one batch
        List<Customer> pending = new ArrayList<>();
        for (int i = 0; i < written.length; i++) {
            if (written[i] == 0) {
                pending.add(customers.get(i));
            }
        }
        if (!pending.isEmpty()) {
            em.flush();
            jdbc.batchUpdate(WRITE, pending.stream().map(SeenTimes::values).toList());
        }
    }

    private static Object[] values(Customer customer) {
        return new Object[] {utc(customer.getCreatedAt()), utc(customer.getLastSeenAt()), binary(customer.getId())};
    }
}
