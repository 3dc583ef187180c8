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
     * Waits until the named subscriber has applied every event committed so far: the subscribers run
     * after commit on their own threads, and a test that moves the clock or sweeps must not race them.
     */
    public static void awaitApplied(JdbcTemplate jdbc, String subscriber) {
        long head = jdbc.queryForObject("SELECT next_seq FROM event_sequence WHERE id = 1", Long.class) - 1;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            Long position = jdbc.queryForObject(
                    "SELECT MIN(position) FROM event_subscriber WHERE name = ? OR name LIKE ?", Long.class, subscriber,
                    subscriber + "@%");
            if (position == null || position >= head) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("subscriber " + subscriber + " still at " + position + " of " + head);
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
