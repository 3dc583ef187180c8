package org.parley.report;

import java.nio.ByteBuffer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.parley.conversation.ConversationStatus;
import org.parley.report.ConversationFacts.Mark;
import org.parley.report.ConversationFacts.Response;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads and writes the fact tables with plain JDBC (batched, no entity overhead). Times are stored as UTC. */
@Component
class FactStore {

    private final JdbcTemplate jdbc;

    FactStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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
        }
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
        if (id == null) {
            return null;
        }
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
                .array();
    }

    static UUID uuid(byte[] value) {
        if (value == null) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(value);
        return new UUID(b.getLong(), b.getLong());
    }

    static LocalDateTime utc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }
}
