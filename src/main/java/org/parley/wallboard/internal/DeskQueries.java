package org.parley.wallboard.internal;

import java.nio.ByteBuffer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The wallboard's four queries, each one grouped statement whatever the number of teams or
 * conversations: open conversations per team and SLA escalations per team read only covering
 * indexes (V11) — escalated clocks are joined to their conversation, whose status and team are the truth
 * (the clock's copies follow a moment later, after the SLA module's listener); teams and agents are
 * small tables. A read model over other modules' tables, in plain
 * SQL, so that no entity graph is loaded for a count.
 */
@Component
public class DeskQueries {

    private final JdbcClient jdbc;
    private final Clock clock;

    DeskQueries(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Desk read() {
        Instant now = clock.instant();
        Map<UUID, String> teams = new LinkedHashMap<>();
        jdbc.sql("SELECT id, name FROM team ORDER BY name").query((ResultSet rs) -> {
            teams.put(uuid(rs, "id"), rs.getString("name"));
        });

        Map<UUID, Desk.Queue> queues = new HashMap<>();
        jdbc.sql("""
                SELECT team_id, COUNT(*) AS depth,
                       SUM(CASE WHEN assignee_id IS NULL THEN 1 ELSE 0 END) AS unassigned,
                       MIN(CASE WHEN assignee_id IS NULL THEN COALESCE(last_customer_message_at, created_at) END) AS oldest
                FROM conversation WHERE status = 'OPEN' GROUP BY team_id""").query((ResultSet rs) -> {
            queues.put(uuid(rs, "team_id"), new Desk.Queue(rs.getLong("depth"), rs.getLong("unassigned"),
                    instant(rs, "oldest")));
        });

        Map<UUID, long[]> levels = new HashMap<>();
        jdbc.sql("""
                SELECT c.team_id, s.escalation_level, COUNT(*) AS n FROM sla_clock s
                JOIN conversation c ON c.id = s.conversation_id
                WHERE s.escalation_level IS NOT NULL AND c.status IN ('OPEN', 'PENDING')
                GROUP BY c.team_id, s.escalation_level""").query((ResultSet rs) -> {
            long[] counts = levels.computeIfAbsent(uuid(rs, "team_id"), k -> new long[2]);
            counts["WARNING".equals(rs.getString("escalation_level")) ? 0 : 1] += rs.getLong("n");
        });
        Map<UUID, Desk.Sla> sla = new HashMap<>();
        levels.forEach((team, c) -> sla.put(team, new Desk.Sla(c[0], c[1])));

        Map<UUID, String> presence = new LinkedHashMap<>();
        Map<UUID, List<UUID>> memberships = new HashMap<>();
        jdbc.sql("""
                SELECT a.id AS agent_id, p.presence, m.team_id FROM agent a
                LEFT JOIN routing_presence p ON p.agent_id = a.id
                LEFT JOIN team_member m ON m.agent_id = a.id
                WHERE a.active = TRUE""").query((ResultSet rs) -> {
            UUID agent = uuid(rs, "agent_id");
            String value = rs.getString("presence");
            presence.put(agent, value == null ? "OFFLINE" : value);
            List<UUID> teamsOfAgent = memberships.computeIfAbsent(agent, k -> new ArrayList<>());
            UUID team = uuid(rs, "team_id");
            if (team != null) {
                teamsOfAgent.add(team);
            }
        });
        List<Desk.AgentRow> agents = new ArrayList<>();
        presence.forEach((agent, value) -> agents.add(new Desk.AgentRow(agent, value, List.copyOf(memberships.get(agent)))));
        return new Desk(now, teams, queues, sla, agents);
    }

    private static UUID uuid(ResultSet rs, String column) throws SQLException {
        byte[] bytes = rs.getBytes(column);
        if (bytes == null) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }
}
