package org.parley.base.events;

import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The spine's tables, read and written with plain JDBC in the caller's transaction. */
@Component
class EventLog {

    /** An event as stored. */
    record StoredEvent(long seq, String type, String node, String payload) {
    }

    /** A parked event of one subscriber. */
    record Failure(long seq, int attempts) {
    }

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final String node = UUID.randomUUID().toString();

    EventLog(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** This node's id in the log (new at each start). */
    String node() {
        return node;
    }

    /**
     * Numbers and stores the events of the committing transaction. Taking the numbers locks the sequence row
     * until this transaction ends, so events become visible in the order of their numbers.
     */
    void append(List<DomainEvent> events, Instant now) {
        int n = events.size();
        jdbc.update("UPDATE event_sequence SET next_seq = next_seq + ? WHERE id = 1", n);
        Long next = jdbc.queryForObject("SELECT next_seq FROM event_sequence WHERE id = 1", Long.class);
        long first = next - n;
        List<Object[]> rows = new ArrayList<>(n);
        Timestamp at = Timestamp.from(now);
        for (int i = 0; i < n; i++) {
            DomainEvent e = events.get(i);
            rows.add(new Object[] {first + i, e.getClass().getName(), bytes(e.aggregateId()), node, at,
                    json.writeValueAsString(e)});
        }
        jdbc.batchUpdate("INSERT INTO domain_event (seq, event_type, aggregate_id, node, occurred_at, payload) "
                + "VALUES (?, ?, ?, ?, ?, ?)", rows);
    }

    /** The number of the newest committed event (0 when there is none). */
    long head() {
        Long next = jdbc.queryForObject("SELECT next_seq FROM event_sequence WHERE id = 1", Long.class);
        return next - 1;
    }

    /** Makes sure the subscriber has a position; a new one starts after the newest event. */
    void register(String subscriber, Instant now) {
        Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM event_subscriber WHERE name = ?", Integer.class,
                subscriber);
        if (known != null && known > 0) {
            return;
        }
        try {
            jdbc.update("INSERT INTO event_subscriber (name, position, updated_at) VALUES (?, ?, ?)", subscriber,
                    head(), Timestamp.from(now));
        } catch (DuplicateKeyException registeredByAnotherNode) {
            // the same subscriber on another node registered first
        }
    }

    /** The subscriber's position, locked until the transaction ends (one node applies a subscriber at a time). */
    long lockPosition(String subscriber) {
        return jdbc.queryForObject("SELECT position FROM event_subscriber WHERE name = ? FOR UPDATE", Long.class,
                subscriber);
    }

    Map<String, Long> positions() {
        return jdbc.query("SELECT name, position FROM event_subscriber", rs -> {
            Map<String, Long> all = new java.util.HashMap<>();
            while (rs.next()) {
                all.put(rs.getString(1), rs.getLong(2));
            }
            return all;
        });
    }

    void advance(String subscriber, long position, Instant now) {
        jdbc.update("UPDATE event_subscriber SET position = ?, updated_at = ? WHERE name = ?", position,
                Timestamp.from(now), subscriber);
    }

    List<StoredEvent> readAfter(long position, int limit) {
        return jdbc.query("SELECT seq, event_type, node, payload FROM domain_event WHERE seq > ? ORDER BY seq LIMIT ?",
                (rs, i) -> new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)), position,
                limit);
    }

    List<StoredEvent> read(long seq) {
        return jdbc.query("SELECT seq, event_type, node, payload FROM domain_event WHERE seq = ?",
                (rs, i) -> new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)), seq);
    }

    DomainEvent decode(StoredEvent stored) {
        Class<?> type;
        try {
            type = Class.forName(stored.type(), false, EventLog.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("unknown event type " + stored.type(), e);
        }
        if (!DomainEvent.class.isAssignableFrom(type)) {
            throw new IllegalStateException(stored.type() + " is not a domain event");
        }
        return (DomainEvent) json.readValue(stored.payload(), type);
    }

    @SuppressWarnings("unchecked")
    static Class<? extends DomainEvent> typeOf(StoredEvent stored) {
        try {
            Class<?> type = Class.forName(stored.type(), false, EventLog.class.getClassLoader());
            return DomainEvent.class.isAssignableFrom(type) ? (Class<? extends DomainEvent>) type : null;
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    void park(String subscriber, long seq, String error, Instant nextAttempt, Instant now) {
        int updated = jdbc.update("UPDATE event_failure SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? "
                + "WHERE subscriber = ? AND seq = ?", Timestamp.from(nextAttempt), clip(error), subscriber, seq);
        if (updated == 0) {
            jdbc.update("INSERT INTO event_failure (subscriber, seq, attempts, next_attempt_at, first_failed_at, "
                    + "last_error) VALUES (?, ?, 1, ?, ?, ?)", subscriber, seq, Timestamp.from(nextAttempt),
                    Timestamp.from(now), clip(error));
        }
    }

    List<Failure> dueFailures(String subscriber, Instant now, int limit) {
        return jdbc.query("SELECT seq, attempts FROM event_failure WHERE subscriber = ? AND next_attempt_at <= ? "
                + "ORDER BY next_attempt_at LIMIT ?", (rs, i) -> new Failure(rs.getLong(1), rs.getInt(2)), subscriber,
                Timestamp.from(now), limit);
    }

    int attempts(String subscriber, long seq) {
        List<Integer> found = jdbc.queryForList("SELECT attempts FROM event_failure WHERE subscriber = ? AND seq = ?",
                Integer.class, subscriber, seq);
        return found.isEmpty() ? 0 : found.getFirst();
    }

    void resolved(String subscriber, long seq) {
        jdbc.update("DELETE FROM event_failure WHERE subscriber = ? AND seq = ?", subscriber, seq);
    }

    Map<String, Long> failureCounts() {
        return jdbc.query("SELECT subscriber, COUNT(*) FROM event_failure GROUP BY subscriber", rs -> {
            Map<String, Long> all = new java.util.HashMap<>();
            while (rs.next()) {
                all.put(rs.getString(1), rs.getLong(2));
            }
            return all;
        });
    }

    /** Deletes events every subscriber is past and no parked failure needs, older than {@code before}. */
    int prune(Instant before, int limit) {
        // a subscriber nobody ran for longer than events are kept (removed, or a test node long gone) holds nothing back
        Long lowest = jdbc.queryForObject("SELECT MIN(position) FROM event_subscriber WHERE updated_at >= ?", Long.class,
                Timestamp.from(before));
        Long parked = jdbc.queryForObject("SELECT MIN(seq) FROM event_failure", Long.class);
        if (lowest == null) {
            return 0;
        }
        long below = parked == null ? lowest + 1 : Math.min(lowest + 1, parked);
        List<Long> old = jdbc.queryForList("SELECT seq FROM domain_event WHERE seq < ? AND occurred_at < ? ORDER BY seq "
                + "LIMIT ?", Long.class, below, Timestamp.from(before), limit);
        if (old.isEmpty()) {
            return 0;
        }
        return jdbc.update("DELETE FROM domain_event WHERE seq >= ? AND seq <= ?", old.getFirst(), old.getLast());
    }

    int forgetAbout(java.util.Collection<UUID> ids) {
        int deleted = 0;
        for (UUID id : ids) {
            deleted += jdbc.update("DELETE FROM domain_event WHERE aggregate_id = ? OR payload LIKE ?", bytes(id),
                    "%" + id + "%");
        }
        return deleted;
    }

    private static String clip(String error) {
        return error == null ? null : error.length() > 1000 ? error.substring(0, 999) + "…" : error;
    }

    private static byte[] bytes(UUID id) {
        return org.parley.base.persistence.JdbcValues.binary(id);
    }

    static String describe(List<Failure> failures) {
        return failures.stream().map(f -> f.seq() + "×" + f.attempts()).collect(Collectors.joining(", "));
    }
}
