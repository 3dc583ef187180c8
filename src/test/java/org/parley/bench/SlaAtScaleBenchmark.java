package org.parley.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.parley.bench.BenchReport.Percentiles;
import org.parley.bench.BenchReport.Result;
import org.parley.sla.CalendarSpec;
import org.parley.sla.PolicySpec;
import org.parley.sla.SlaAdministration;
import org.parley.sla.SlaClocks;
import org.parley.team.TeamDirectory;
import org.parley.wallboard.internal.DeskQueries;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * SLA and wallboard at scale: a desk of {@code parley.bench.sla.conversations} (100,000) open conversations
 * in four teams, each with a running SLA clock. Measures the scheduling cost per conversation (the real
 * {@link SlaClocks#applyPolicy}), the breach-detection lag of the real Quartz sweep job (every 1 s) — from
 * a clock's due time to the escalation row it raises, both written by the server — and the wallboard's
 * grouped queries over that desk. Full size with {@code ./mvnw verify -Pbench} (tag {@code benchmark});
 * {@code -Dparley.bench.database=mysql} runs it on the MySQL/MariaDB test server (database {@code parley_bench}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "parley.demo.enabled=false",
    "parley.sla.sweep-enabled=true",
    "parley.sla.sweep-interval=1s",
    "logging.level.org.parley=warn"
})
@Tag("benchmark")
class SlaAtScaleBenchmark {

    static final BenchMode MODE = BenchMode.current();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        if (!BenchDatabase.mysqlIfAsked(registry, "parley_bench_sla")) {
            registry.add("spring.datasource.url", () -> "jdbc:h2:mem:bench-sla-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        }
    }

    @Autowired
    DataSource dataSource;
    @Autowired
    SlaAdministration admin;
    @Autowired
    SlaClocks clocks;
    @Autowired
    TeamDirectory team;
    @Autowired
    DeskQueries wallboardQueries;

    @Test
    void schedulingBreachLagAndWallboardAtScale() throws Exception {
        int conversations = MODE.size("parley.bench.sla.conversations", 2_000, 100_000);
        int scheduled = MODE.size("parley.bench.sla.scheduled", 100, 2_000);
        int lagSamples = MODE.size("parley.bench.sla.lag-samples", 50, 500);
        String mode = MODE.name().toLowerCase();
        String database = System.getProperty("parley.bench.database", "h2");
        String run = Long.toString(System.nanoTime(), 36);

        var calendar = admin.createCalendar(new CalendarSpec("Bench " + run, "UTC", true, List.of(), List.of()));
        UUID policy = admin.createPolicy(new PolicySpec("Bench " + run, calendar.id(), List.of(
                new PolicySpec.Target("NORMAL", 60, 60, 600), new PolicySpec.Target("HIGH", 60, 60, 600)), 75, 150)).id();
        List<UUID> teams = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            teams.add(team.createTeam("Bench " + run + " " + t, null).getId());
        }

        // the desk: open conversations in four teams, a third of them assigned nowhere else than the queue
        DeskGenerator generator = new DeskGenerator(dataSource);
        long deskStart = System.nanoTime();
        for (int t = 0; t < 4; t++) {
            generator.generate(Math.max(10, conversations / 40), conversations / 4, run + "-" + t);
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                    "UPDATE conversation SET team_id = ?, status = 'OPEN', first_response_at = NULL, resolved_at = NULL"
                            + " WHERE team_id IS NULL")) {
                s.setBytes(1, DeskGenerator.bytes(teams.get(t)));
                s.executeUpdate();
            }
        }
        Instant now = Instant.now();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO sla_clock (conversation_id, policy_id, team_id, priority, status, first_response_started_at,"
                        + " resolution_elapsed_seconds, first_response_due_at, next_check_at, updated_at)"
                        + " SELECT id, ?, team_id, 'NORMAL', 'OPEN', created_at, 0, ?, ?, ? FROM conversation")) {
            Instant later = now.plus(Duration.ofDays(30)); // nothing of the bulk falls due during the run
            s.setBytes(1, DeskGenerator.bytes(policy));
            s.setObject(2, DeskGenerator.utc(later));
            s.setObject(3, DeskGenerator.utc(later));
            s.setObject(4, DeskGenerator.utc(now));
            s.executeUpdate();
        }
        double deskSeconds = (System.nanoTime() - deskStart) / 1e9;
        List<UUID> ids = conversationIds(scheduled + lagSamples);

        // scheduling: the real path (lock, compute due times and next check, write) for new conversations
        // without a clock, among ~100,000 running ones (new, so that none is overdue at once and the
        // sweep has no backlog of escalations when the lag is measured)
        List<UUID> toSchedule = ids.subList(0, scheduled);
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM sla_clock WHERE conversation_id = ?");
                PreparedStatement fresh = c.prepareStatement(
                        "UPDATE conversation SET created_at = ?, last_activity_at = ? WHERE id = ?")) {
            for (UUID id : toSchedule) {
                s.setBytes(1, DeskGenerator.bytes(id));
                s.addBatch();
                fresh.setObject(1, DeskGenerator.utc(Instant.now()));
                fresh.setObject(2, DeskGenerator.utc(Instant.now()));
                fresh.setBytes(3, DeskGenerator.bytes(id));
                fresh.addBatch();
            }
            s.executeBatch();
            fresh.executeBatch();
        }
        long[] scheduling = new long[toSchedule.size()];
        for (int i = 0; i < toSchedule.size(); i++) {
            long t0 = System.nanoTime();
            clocks.applyPolicy(org.parley.conversation.ConversationAccess.Viewer.SLA, toSchedule.get(i), policy);
            scheduling[i] = System.nanoTime() - t0;
        }

        // breach detection: clocks whose first response falls due one after another over the next 20 s;
        // the Quartz sweep (every 1 s, clustered JDBC store) must find each and raise its BREACH
        List<UUID> lagging = ids.subList(scheduled, scheduled + lagSamples);
        Instant first = Instant.now().plusSeconds(5);
        long spreadMillis = 20_000;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE sla_clock SET first_response_started_at = ?, first_response_due_at = ?, next_check_at = ?,"
                        + " escalation_level = NULL WHERE conversation_id = ?")) {
            for (int i = 0; i < lagging.size(); i++) {
                Instant due = first.plusMillis(spreadMillis * i / lagging.size());
                s.setObject(1, DeskGenerator.utc(due.minus(Duration.ofMinutes(60))));
                s.setObject(2, DeskGenerator.utc(due));
                s.setObject(3, DeskGenerator.utc(due));
                s.setBytes(4, DeskGenerator.bytes(lagging.get(i)));
                s.addBatch();
            }
            s.executeBatch();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        List<Long> lags = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            lags = breachLags(lagging);
            if (lags.size() >= lagging.size()) {
                break;
            }
            Thread.sleep(1000);
        }
        long[] lagNanos = lags.stream().mapToLong(Long::longValue).toArray();

        // the wallboard over this desk: its four grouped queries, as one recomputation
        for (int warm = 0; warm < 3; warm++) {
            wallboardQueries.read();
        }
        int reads = MODE.size("parley.bench.wallboard.reads", 5, 30);
        long[] board = new long[reads];
        for (int i = 0; i < reads; i++) {
            long t0 = System.nanoTime();
            wallboardQueries.read();
            board[i] = System.nanoTime() - t0;
        }

        String size = String.format("%,d open conversations with running clocks", conversations);
        List<Result> results = new ArrayList<>();
        results.add(new Result("sla-at-scale", "desk set-up (bulk)", deskSeconds, "s", size));
        results.addAll(BenchReport.latency("sla-at-scale", "schedule one conversation (applyPolicy)",
                Percentiles.ofNanos(scheduling), scheduled + " conversations, " + size));
        results.addAll(BenchReport.latency("sla-at-scale", "breach detection lag (due -> escalation raised)",
                Percentiles.ofNanos(lagNanos), lags.size() + "/" + lagSamples + " breaches raised within 90 s; " + lagSamples
                        + " due over 20 s; Quartz sweep every 1 s; due times are whole seconds"));
        results.addAll(BenchReport.latency("sla-at-scale", "wallboard recomputation (4 grouped queries)",
                Percentiles.ofNanos(board), size));
        BenchReport.publish("sla-at-scale", mode, database, results);
        if (lags.isEmpty()) {
            throw new AssertionError("no breach was detected in 90 s: the sweep did not run");
        }
    }

    private List<UUID> conversationIds(int n) throws Exception {
        List<UUID> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT conversation_id FROM sla_clock ORDER BY conversation_id")) {
            s.setMaxRows(n);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(uuid(rs.getBytes(1)));
                }
            }
        }
        return ids;
    }

    private List<Long> breachLags(List<UUID> conversationIds) throws Exception {
        List<Long> lags = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT due_at, raised_at FROM sla_escalation WHERE conversation_id = ? AND level = 'BREACH'")) {
            for (UUID id : conversationIds) {
                s.setBytes(1, DeskGenerator.bytes(id));
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        Instant due = rs.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC);
                        Instant raised = rs.getObject(2, LocalDateTime.class).toInstant(ZoneOffset.UTC);
                        lags.add(Duration.between(due, raised).toNanos());
                    }
                }
            }
        }
        return lags;
    }

    private static UUID uuid(byte[] b) {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(b);
        return new UUID(buffer.getLong(), buffer.getLong());
    }
}
