package org.parley.support;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The events a test's actions left on the event spine, read back from its table. */
public final class SpineEvents {

    private SpineEvents() {
    }

    public static <T> List<T> of(JdbcTemplate jdbc, JsonMapper json, Class<T> type) {
        return jdbc.queryForList("SELECT payload FROM domain_event WHERE event_type = ? ORDER BY seq", String.class,
                type.getName()).stream().map(payload -> json.readValue(payload, type)).toList();
    }

    /**
     * Waits until the named subscriber of the node that published the events about {@code aggregate} has
     * applied every event committed so far: subscribers run after commit on their own threads, and a test
     * that moves the clock or sweeps must not race them. (Test contexts share the database, each a node.)
     */
    public static void awaitApplied(JdbcTemplate jdbc, String subscriber, java.util.UUID aggregate) {
        String node = jdbc.queryForList("SELECT node FROM domain_event WHERE payload LIKE ? ORDER BY seq DESC",
                String.class, "%" + aggregate + "%").stream().findFirst()
                .orElseThrow(() -> new AssertionError("no event about " + aggregate));
        long head = jdbc.queryForObject("SELECT next_seq FROM event_sequence WHERE id = 1", Long.class) - 1;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            Long position = jdbc.queryForList("SELECT position FROM event_subscriber WHERE name = ? OR name = ?",
                    Long.class, subscriber, subscriber + "@" + node).stream().findFirst().orElse(null);
            if (position != null && position >= head) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("subscriber " + subscriber + "@" + node + " still at " + position + " of " + head);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
