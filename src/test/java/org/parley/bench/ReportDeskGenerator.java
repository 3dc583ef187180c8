package org.parley.bench;

import static org.parley.bench.DeskGenerator.bytes;
import static org.parley.bench.DeskGenerator.utc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import javax.sql.DataSource;
import org.parley.base.Ids;

/**
 * Fills the report fact tables for the reports benchmark through batched JDBC: conversations spread
 * evenly over the year before {@code now} with one to three answered customer messages each, most of
 * them resolved, a third under an SLA. The report queries read only these tables. It tops up to the
 * wanted size, so a persistent benchmark database is not filled twice.
 */
public class ReportDeskGenerator {

    private static final String[] CHANNELS = {"EMAIL", "EMAIL", "EMAIL", "PHONE", "X", "FACEBOOK", "INSTAGRAM", "WHATSAPP"};
    private static final String[] PRIORITIES = {"LOW", "NORMAL", "NORMAL", "NORMAL", "HIGH", "URGENT"};
    private static final int BATCH = 1000;
    static final long SPREAD_SECONDS = 365L * 24 * 3600;

    private final DataSource dataSource;
    private final SplittableRandom random = new SplittableRandom(7);

    public ReportDeskGenerator(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return the number of conversations written (zero when the tables hold {@code conversations} already) */
    public long fill(long conversations, List<UUID> teams, List<UUID> agents, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            long existing;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM report_conversation")) {
                rs.next();
                existing = rs.getLong(1);
            }
            long missing = conversations - existing;
            if (missing <= 0) {
                return 0;
            }
            c.setAutoCommit(false);
            UUID policy = Ids.newId();
            try (PreparedStatement conversation = c.prepareStatement("INSERT INTO report_conversation (created_at,"
                    + " conversation_id, channel, team_id, assignee_id, priority, status, first_message_at,"
                    + " first_response_at, first_response_seconds, first_response_business_seconds, resolved_at,"
                    + " resolution_seconds, resolution_business_seconds, reopen_count, sla_policy_id,"
                    + " first_response_breached, next_response_breached, resolution_breached, sla_warnings, sla_breaches,"
                    + " sla_second_level, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    + " ?, ?, ?)");
                    PreparedStatement response = c.prepareStatement("INSERT INTO report_response (replied_at, message_id,"
                            + " conversation_id, agent_id, team_id, channel, priority, first_response, wait_seconds,"
                            + " wait_business_seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (long i = 0; i < missing; i++) {
                    Instant created = now.minusSeconds(1 + (SPREAD_SECONDS * i / missing)).minusMillis(random.nextInt(1000));
                    UUID id = Ids.newId();
                    UUID team = teams.get(random.nextInt(teams.size()));
                    UUID agent = agents.get(random.nextInt(agents.size()));
                    String channel = CHANNELS[random.nextInt(CHANNELS.length)];
                    String priority = PRIORITIES[random.nextInt(PRIORITIES.length)];
                    boolean backlog = random.nextInt(50) == 0;
                    long firstWait = 60 + random.nextLong(8 * 3600);
                    int replies = 1 + random.nextInt(3);
                    Instant t = created.plusSeconds(firstWait);
                    Instant firstResponse = t;
                    for (int r = 0; r < replies; r++) {
                        long wait = r == 0 ? firstWait : 60 + random.nextLong(4 * 3600);
                        if (r > 0) {
                            t = t.plusSeconds(600 + random.nextLong(6 * 3600)).plusSeconds(wait);
                        }
                        response.setObject(1, utc(t));
                        response.setBytes(2, bytes(Ids.newId()));
                        response.setBytes(3, bytes(id));
                        response.setBytes(4, bytes(agent));
                        response.setBytes(5, bytes(team));
                        response.setString(6, channel);
                        response.setString(7, priority);
                        response.setBoolean(8, r == 0);
                        response.setLong(9, wait);
                        response.setLong(10, wait * 2 / 3);
                        response.addBatch();
                    }
                    Instant resolved = backlog ? null : t.plusSeconds(random.nextLong(2 * 86400));
                    boolean sla = random.nextInt(3) == 0;
                    boolean breached = sla && random.nextInt(8) == 0;
                    conversation.setObject(1, utc(created));
                    conversation.setBytes(2, bytes(id));
                    conversation.setString(3, channel);
                    conversation.setBytes(4, bytes(team));
                    conversation.setBytes(5, bytes(agent));
                    conversation.setString(6, priority);
                    conversation.setString(7, backlog ? (random.nextBoolean() ? "OPEN" : "PENDING") : "RESOLVED");
                    conversation.setObject(8, utc(created));
                    conversation.setObject(9, utc(firstResponse));
                    conversation.setLong(10, firstWait);
                    conversation.setLong(11, firstWait * 2 / 3);
                    conversation.setObject(12, resolved == null ? null : utc(resolved));
                    if (resolved == null) {
                        conversation.setObject(13, null);
                        conversation.setObject(14, null);
                    } else {
                        long seconds = resolved.getEpochSecond() - created.getEpochSecond();
                        conversation.setLong(13, seconds);
                        conversation.setLong(14, seconds / 3);
                    }
                    conversation.setInt(15, random.nextInt(20) == 0 ? 1 : 0);
                    conversation.setBytes(16, sla ? bytes(policy) : null);
                    conversation.setBoolean(17, breached);
                    conversation.setBoolean(18, false);
                    conversation.setBoolean(19, breached && random.nextBoolean());
                    conversation.setInt(20, breached ? 1 : 0);
                    conversation.setInt(21, breached ? 1 : 0);
                    conversation.setInt(22, 0);
                    conversation.setObject(23, utc(now));
                    conversation.addBatch();
                    if ((i + 1) % BATCH == 0) {
                        conversation.executeBatch();
                        response.executeBatch();
                        c.commit();
                    }
                }
                conversation.executeBatch();
                response.executeBatch();
                c.commit();
            }
            c.setAutoCommit(true);
            return missing;
        }
    }

    static List<UUID> ids(int n) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(Ids.newId());
        }
        return ids;
    }
}
