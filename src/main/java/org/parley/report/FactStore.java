package org.parley.report;

import java.nio.ByteBuffer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.parley.base.Channel;
import org.parley.base.persistence.DatabaseVendor;
import org.parley.conversation.ConversationStatus;
import org.parley.conversation.Priority;
import org.parley.report.ConversationFacts.Mark;
import org.parley.report.ConversationFacts.Response;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads and writes the fact tables with plain JDBC (batched, no entity overhead). Times are stored as UTC. */
@Component
class FactStore {

    private final JdbcTemplate jdbc;
    private final ChronoUnit precision;

    FactStore(JdbcTemplate jdbc, DatabaseVendor vendor) {
        this.jdbc = jdbc;
        this.precision = storedPrecision(jdbc, vendor);
    }

    /**
     * What a time keeps on its way into the database, found by sending one: microseconds on H2 and MySQL, whole
     * seconds on MariaDB through Connector/J (it takes the server for a MySQL 5.5 and drops the fraction).
     */
    private static ChronoUnit storedPrecision(JdbcTemplate jdbc, DatabaseVendor vendor) {
        Instant probe = Instant.parse("2001-02-03T04:05:06.123456789Z");
        LocalDateTime back = jdbc.queryForObject("SELECT CAST(? AS " + (vendor.isMysqlFamily() ? "DATETIME(6)"
                : "TIMESTAMP(6)") + ")", LocalDateTime.class, utc(probe));
        return back != null && back.getNano() == 0 ? ChronoUnit.SECONDS : ChronoUnit.MICROS;
    }

    List<Mark> marks(UUID conversationId) {
        return jdbc.query("SELECT changed_at, status FROM report_status_change WHERE conversation_id = ?"
                + " ORDER BY changed_at", (rs, i) -> new Mark(instant(rs, 1),
                ConversationStatus.valueOf(rs.getString(2))), bytes(conversationId));
    }

    void addMark(UUID conversationId, Mark mark) {
        jdbc.update("INSERT INTO report_status_change (conversation_id, changed_at, status) VALUES (?, ?, ?)",
                bytes(conversationId), utc(mark.at()), mark.status().name());
    }

    /**
     * A conversation's replay state as stored, with what its facts row says today.
     *
     * @param revision counts the state's writes, so a writer that read an older one notices
     * @param hasFacts whether the conversation's facts row exists
     * @param factsTeamId the team its facts (and their responses) carry now
     * @param factsPriority the priority its facts (and their responses) carry now
     */
    record StoredState(FactCalculator.State state, String hoursKey, long revision, boolean hasFacts, UUID factsTeamId,
            Priority factsPriority) {
    }

    private static final String STATE_QUERY = "SELECT s.created_at, s.status, s.status_since, s.open_business_nanos,"
            + " s.reopen_count, s.waiting_since, s.first_inbound_at, s.first_response_at, s.last_step_at,"
            + " s.last_step_kind, s.hours_key, s.revision, r.conversation_id, r.team_id, r.priority, s.conversation_id"
            + " FROM report_fact_state s LEFT JOIN report_conversation r ON r.conversation_id = s.conversation_id"
            + " WHERE s.conversation_id";

    StoredState state(UUID conversationId) {
        List<StoredState> rows = jdbc.query(STATE_QUERY + " = ?", (rs, i) -> storedState(rs), bytes(conversationId));
        return rows.isEmpty() ? null : rows.getFirst();
    }

    /** What {@link #state} answers for each of these conversations, in one query; one without a state has no entry. */
    Map<UUID, StoredState> states(Collection<UUID> conversationIds) {
        Map<UUID, StoredState> states = new HashMap<>();
        if (conversationIds.isEmpty()) {
            return states;
        }
        jdbc.query(STATE_QUERY + " IN (" + String.join(", ", Collections.nCopies(conversationIds.size(), "?")) + ")",
                rs -> {
                    states.put(uuid(rs.getBytes(16)), storedState(rs));
                }, conversationIds.stream().map(FactStore::bytes).toArray());
        return states;
    }

    private StoredState storedState(ResultSet rs) throws SQLException {
        return new StoredState(new FactCalculator.State(instant(rs, 1), ConversationStatus.valueOf(rs.getString(2)),
                instant(rs, 3), Duration.ofNanos(rs.getLong(4)), rs.getInt(5), instant(rs, 6), instant(rs, 7),
                instant(rs, 8), instant(rs, 9), rs.getInt(10)), rs.getString(11), rs.getLong(12),
                rs.getBytes(13) != null, uuid(rs.getBytes(14)),
                rs.getString(15) == null ? null : Priority.valueOf(rs.getString(15)));
    }

    /** Stores the replay state of a conversation that had none. */
    void insertState(UUID conversationId, FactCalculator.State s, String hoursKey) {
        jdbc.update("INSERT INTO report_fact_state (conversation_id, created_at, status, status_since,"
                + " open_business_nanos, reopen_count, waiting_since, first_inbound_at, first_response_at, last_step_at,"
                + " last_step_kind, hours_key, revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                bytes(conversationId), utc(s.createdAt()), s.status().name(), utc(s.since()), s.openBusiness().toNanos(),
                s.reopens(), utc(s.waitingSince()), utc(s.firstInbound()), utc(s.firstResponse()), utc(s.lastStepAt()),
                s.lastStepKind(), hoursKey);
    }

    /** Stores the replay state whatever was there (after a recompute from all messages). */
    void putState(UUID conversationId, FactCalculator.State s, String hoursKey) {
        if (writeState(conversationId, s, hoursKey, null) == 0) {
            insertState(conversationId, s, hoursKey);
        }
    }

    private int writeState(UUID conversationId, FactCalculator.State s, String hoursKey, Long readRevision) {
        return jdbc.update(readRevision == null ? WRITE_STATE : WRITE_STATE + " AND revision = ?",
                stateArgs(conversationId, s, hoursKey, readRevision));
    }

    private static final String WRITE_STATE = "UPDATE report_fact_state SET created_at = ?, status = ?,"
            + " status_since = ?, open_business_nanos = ?, reopen_count = ?, waiting_since = ?, first_inbound_at = ?,"
            + " first_response_at = ?, last_step_at = ?, last_step_kind = ?, hours_key = ?, revision = revision + 1"
            + " WHERE conversation_id = ?";

    private Object[] stateArgs(UUID conversationId, FactCalculator.State s, String hoursKey, Long readRevision) {
        List<Object> args = new ArrayList<>(List.of(utc(s.createdAt()), s.status().name(), utc(s.since()),
                s.openBusiness().toNanos(), s.reopens()));
        args.add(utc(s.waitingSince()));
        args.add(utc(s.firstInbound()));
        args.add(utc(s.firstResponse()));
        args.add(utc(s.lastStepAt()));
        args.add(s.lastStepKind());
        args.add(hoursKey);
        args.add(bytes(conversationId));
        if (readRevision != null) {
            args.add(readRevision);
        }
        return args.toArray();
    }

    void deleteState(UUID conversationId) {
        jdbc.update("DELETE FROM report_fact_state WHERE conversation_id = ?", (Object) bytes(conversationId));
    }

    /**
     * A step's writes for one conversation: its facts row updated in place (the caller checked its creation time is
     * unchanged) and its replay state moved on from the revision the caller read. {@link #updateAll} writes those
     * of a whole batch together.
     */
    record Update(ConversationFacts facts, FactCalculator.State state, String hoursKey, long readRevision, Instant now) {
    }

    /**
     * Adds a conversation's new responses ({@code f.responses()}, which are new ones only); when the conversation
     * moved to another team or priority, its earlier responses follow, as a recompute would write them.
     */
    void addResponses(ConversationFacts f, boolean restampResponses) {
        if (restampResponses) {
            jdbc.update("UPDATE report_response SET team_id = ?, priority = ?, channel = ? WHERE conversation_id = ?",
                    bytes(f.teamId()), f.priority().name(), f.channel().name(), bytes(f.conversationId()));
        }
        insertResponses(f);
    }

    /**
     * Writes the facts rows and replay states of these steps, two batched statements in all instead of two per
     * conversation. A facts row that is gone, or a state another writer moved on since it was read (the backfill, a
     * recompute on another thread), fails the whole batch, and the caller's transaction is retried.
     */
    void updateAll(List<Update> updates) {
        if (updates.isEmpty()) {
            return;
        }
        int[] facts = jdbc.batchUpdate("UPDATE report_conversation SET channel = ?, team_id = ?, assignee_id = ?,"
                + " priority = ?, status = ?, first_message_at = ?, first_response_at = ?, first_response_seconds = ?,"
                + " first_response_business_seconds = ?, resolved_at = ?, resolution_seconds = ?,"
                + " resolution_business_seconds = ?, reopen_count = ?, sla_policy_id = ?, first_response_breached = ?,"
                + " next_response_breached = ?, resolution_breached = ?, sla_warnings = ?, sla_breaches = ?,"
                + " sla_second_level = ?, updated_at = ? WHERE conversation_id = ?", updates.stream().map(u -> {
                    ConversationFacts f = u.facts();
                    return new Object[] {f.channel().name(), bytes(f.teamId()), bytes(f.assigneeId()),
                        f.priority().name(), f.status().name(), utc(f.firstMessageAt()), utc(f.firstResponseAt()),
                        f.firstResponseSeconds(), f.firstResponseBusinessSeconds(), utc(f.resolvedAt()),
                        f.resolutionSeconds(), f.resolutionBusinessSeconds(), f.reopenCount(), bytes(f.slaPolicyId()),
                        f.firstResponseBreached(), f.nextResponseBreached(), f.resolutionBreached(), f.slaWarnings(),
                        f.slaBreaches(), f.slaSecondLevel(), utc(u.now()), bytes(f.conversationId())};
                }).toList());
        requireOneEach(facts, updates, "are gone");
        int[] states = jdbc.batchUpdate(WRITE_STATE + " AND revision = ?", updates.stream().map(u -> stateArgs(
                u.facts().conversationId(), u.state(), u.hoursKey(), u.readRevision())).toList());
        requireOneEach(states, updates, "changed meanwhile");
    }

    private static void requireOneEach(int[] counts, List<Update> updates, String otherwise) {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 1) {
                throw new OptimisticLockingFailureException("the report facts of "
                        + updates.get(i).facts().conversationId() + " " + otherwise);
            }
        }
    }

    /** Replaces the facts of one conversation (its row and its responses). */
    void replace(ConversationFacts f, Instant now) {
        delete(List.of(f.conversationId()));
        jdbc.update("INSERT INTO report_conversation (created_at, conversation_id, channel, team_id, assignee_id,"
                + " priority, status, first_message_at, first_response_at, first_response_seconds,"
                + " first_response_business_seconds, resolved_at, resolution_seconds, resolution_business_seconds,"
                + " reopen_count, sla_policy_id, first_response_breached, next_response_breached, resolution_breached,"
                + " sla_warnings, sla_breaches, sla_second_level, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                utc(f.createdAt()), bytes(f.conversationId()), f.channel().name(), bytes(f.teamId()),
                bytes(f.assigneeId()), f.priority().name(), f.status().name(), utc(f.firstMessageAt()),
                utc(f.firstResponseAt()), f.firstResponseSeconds(), f.firstResponseBusinessSeconds(),
                utc(f.resolvedAt()), f.resolutionSeconds(), f.resolutionBusinessSeconds(), f.reopenCount(),
                bytes(f.slaPolicyId()), f.firstResponseBreached(), f.nextResponseBreached(), f.resolutionBreached(),
                f.slaWarnings(), f.slaBreaches(), f.slaSecondLevel(), utc(now));
        insertResponses(f);
    }

    private void insertResponses(ConversationFacts f) {
        if (!f.responses().isEmpty()) {
            List<Object[]> rows = new ArrayList<>();
            for (Response r : f.responses()) {
                rows.add(new Object[] {utc(r.repliedAt()), bytes(r.messageId()), bytes(f.conversationId()),
                    bytes(r.agentId()), bytes(f.teamId()), f.channel().name(), f.priority().name(), r.first(),
                    r.waitSeconds(), r.waitBusinessSeconds()});
            }
            jdbc.batchUpdate("INSERT INTO report_response (replied_at, message_id, conversation_id, agent_id, team_id,"
                    + " channel, priority, first_response, wait_seconds, wait_business_seconds)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
        }
    }

    void delete(List<UUID> conversationIds) {
        for (UUID id : conversationIds) {
            byte[] key = bytes(id);
            jdbc.update("DELETE FROM report_response WHERE conversation_id = ?", key);
            jdbc.update("DELETE FROM report_conversation WHERE conversation_id = ?", key);
        }
    }

    void deleteWithHistory(List<UUID> conversationIds) {
        delete(conversationIds);
        for (UUID id : conversationIds) {
            jdbc.update("DELETE FROM report_status_change WHERE conversation_id = ?", bytes(id));
            deleteState(id);
        }
    }

    /** The stored facts of one conversation, responses in reply order; null if it has none. */
    ConversationFacts read(UUID conversationId) {
        byte[] key = bytes(conversationId);
        List<Response> responses = jdbc.query("SELECT message_id, replied_at, agent_id, first_response, wait_seconds,"
                + " wait_business_seconds FROM report_response WHERE conversation_id = ? ORDER BY replied_at, message_id",
                (rs, i) -> new Response(uuid(rs.getBytes(1)), instant(rs, 2), uuid(rs.getBytes(3)), rs.getBoolean(4),
                        rs.getLong(5), rs.getLong(6)), (Object) key);
        List<ConversationFacts> rows = jdbc.query("SELECT created_at, channel, team_id, assignee_id, priority, status,"
                + " first_message_at, first_response_at, first_response_seconds, first_response_business_seconds,"
                + " resolved_at, resolution_seconds, resolution_business_seconds, reopen_count, sla_policy_id,"
                + " first_response_breached, next_response_breached, resolution_breached, sla_warnings, sla_breaches,"
                + " sla_second_level FROM report_conversation WHERE conversation_id = ?", (rs, i) -> new ConversationFacts(
                conversationId, instant(rs, 1), Channel.valueOf(rs.getString(2)), uuid(rs.getBytes(3)),
                uuid(rs.getBytes(4)), Priority.valueOf(rs.getString(5)), ConversationStatus.valueOf(rs.getString(6)),
                instant(rs, 7), instant(rs, 8), rs.getObject(9, Long.class), rs.getObject(10, Long.class),
                instant(rs, 11), rs.getObject(12, Long.class), rs.getObject(13, Long.class), rs.getInt(14),
                uuid(rs.getBytes(15)), rs.getBoolean(16), rs.getBoolean(17), rs.getBoolean(18), rs.getInt(19),
                rs.getInt(20), rs.getInt(21), responses), (Object) key);
        return rows.isEmpty() ? null : rows.getFirst();
    }

    /** Up to {@code limit} conversations without facts, in id order after {@code after}. */
    List<UUID> withoutFacts(UUID after, int limit) {
        String sql = "SELECT c.id FROM conversation c LEFT JOIN report_conversation r ON r.conversation_id = c.id"
                + " WHERE r.conversation_id IS NULL" + (after == null ? "" : " AND c.id > ?") + " ORDER BY c.id LIMIT "
                + limit;
        return after == null ? jdbc.query(sql, (rs, i) -> uuid(rs.getBytes(1)))
                : jdbc.query(sql, (rs, i) -> uuid(rs.getBytes(1)), (Object) bytes(after));
    }

    static byte[] bytes(UUID id) {
        return org.parley.base.persistence.JdbcValues.binary(id);
    }

    static UUID uuid(byte[] value) {
        if (value == null) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(value);
        return new UUID(b.getLong(), b.getLong());
    }

    /**
     * An instant as the database keeps it (microseconds rounded half up as the JDBC drivers round a
     * {@code TIMESTAMP(6)} value, or whole seconds cut off where the driver sends no fraction): an event carries
     * its time with nanoseconds, the message row that a recompute reads has it as stored, and both must give the
     * same facts.
     */
    Instant stored(Instant instant) {
        if (instant == null) {
            return null;
        }
        return precision == ChronoUnit.SECONDS ? instant.truncatedTo(ChronoUnit.SECONDS)
                : instant.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
    }

    static LocalDateTime utc(Instant instant) {
        return org.parley.base.persistence.JdbcValues.utc(instant);
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }
}
