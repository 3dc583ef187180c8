package org.parley.sla;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.parley.ParleyApplication;
import org.parley.base.Channel;
import org.parley.base.Ids;
import org.parley.conversation.ConversationStatus;
import org.parley.conversation.ConversationView;
import org.parley.conversation.Priority;
import org.parley.routing.RoutingEnums.Trigger;
import org.parley.routing.RoutingFacts;
import org.parley.routing.RuleCompiler;
import org.parley.routing.RuleSpec;
import org.parley.support.MySqlAvailable;
import org.parley.team.Team;
import org.parley.team.TeamDirectory;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Not a test: prints rule evaluation time for 200 rules, and SLA scheduling cost at 100,000 open
 * conversations for both designs (one Quartz trigger per conversation vs. an indexed due-time
 * column swept with FOR UPDATE SKIP LOCKED), on the MariaDB/MySQL database {@code parley_bench}.
 * Run: {@code ./mvnw -q verify -Dtest=RoutingSlaBenchmark -Dparley.test.excluded-groups=none
 * -Dsurefire.failIfNoSpecifiedTests=false [-Dbench.conversations=100000]}.
 */
@Tag("benchmark")
class RoutingSlaBenchmark {

    static final int CONVERSATIONS = Integer.getInteger("bench.conversations", 100_000);

    @Test
    void ruleEvaluationFor200Rules() {
        TeamDirectory team = mock(TeamDirectory.class);
        UUID teamId = UUID.randomUUID();
        when(team.findTeam(any())).thenReturn(Optional.of(new Team("T", null)));
        SlaAdministration sla = mock(SlaAdministration.class);
        RuleCompiler compiler = new RuleCompiler(team, sla);
        List<RuleCompiler.CompiledRule> rules = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            RuleSpec spec = compiler.normalize(new RuleSpec("r" + i, true, "CONVERSATION_CREATED", i % 2 == 0 ? "ALL" : "ANY",
                    false, List.of(new RuleSpec.Condition("SUBJECT", i % 3 == 0 ? "MATCHES" : "CONTAINS",
                                    i % 3 == 0 ? "(refund|invoice)\\s+#?" + i : "word" + i),
                            new RuleSpec.Condition("CHANNEL", "EQUALS", "EMAIL"),
                            new RuleSpec.Condition("CUSTOMER_ATTRIBUTE", "EQUALS", "VIP", "plan"),
                            new RuleSpec.Condition("BODY", "CONTAINS", "something " + i)),
                    List.of(new RuleSpec.Action("ADD_TAG", "t" + i), new RuleSpec.Action("ASSIGN_TEAM", teamId.toString()))));
            rules.add(compiler.compile(UUID.randomUUID(), i, spec));
        }
        Instant now = Instant.now();
        ConversationView c = new ConversationView(UUID.randomUUID(), UUID.randomUUID(), Channel.EMAIL,
                "Question about refund #17 and my invoice", ConversationStatus.OPEN, Priority.NORMAL, null, null, List.of(),
                null, 1, now, now, now, null, null, 0L, "support@acme.test");
        RoutingFacts facts = new RoutingFacts(c, c.subject(), "A long body text ".repeat(40), "jane@example.com",
                Map.of("plan", "BASIC"), true, now);
        int matched = 0;
        for (int warm = 0; warm < 2_000; warm++) {
            matched += evaluate(rules, facts);
        }
        int runs = 20_000;
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            matched += evaluate(rules, facts);
        }
        double micros = (System.nanoTime() - start) / 1_000.0 / runs;
        System.out.printf("BENCH rules: evaluating 200 rules against one conversation: %.1f µs (%d matches seen)%n",
                micros, matched);
    }

    private static int evaluate(List<RuleCompiler.CompiledRule> rules, RoutingFacts facts) {
        int n = 0;
        for (RuleCompiler.CompiledRule r : rules) {
            if (r.trigger() == Trigger.CONVERSATION_CREATED && r.matcher().test(facts)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void slaSchedulingAt100000Conversations() throws Exception {
        String db = "parley_bench";
        try (Connection c = DriverManager.getConnection(MySqlAvailable.serverUrl(), MySqlAvailable.user(),
                MySqlAvailable.password()); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db);
            s.execute("CREATE DATABASE " + db + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
        String url = MySqlAvailable.serverUrl() + db + "?rewriteBatchedStatements=true&useSSL=false&allowPublicKeyRetrieval=true";
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ParleyApplication.class).run(
                "--spring.datasource.url=" + url, "--server.port=0",
                "--spring.datasource.username=" + MySqlAvailable.user(),
                "--spring.datasource.password=" + MySqlAvailable.password(),
                "--parley.demo.enabled=false", "--parley.sla.sweep-enabled=false")) {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            SlaAdministration admin = app.getBean(SlaAdministration.class);
            var calendar = admin.createCalendar(new CalendarSpec("Bench", "UTC", true, List.of(), List.of()));
            UUID policy = admin.createPolicy(new PolicySpec("Bench", calendar.id(),
                    List.of(new PolicySpec.Target("NORMAL", 60, 60, 600)), 75, 150)).id();

            // design B: one indexed due-time row per conversation, written in batches of 500
            Instant now = Instant.now();
            List<Object[]> rows = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < CONVERSATIONS; i++) {
                Instant created = now.minusSeconds(i % 3600);
                // 1 % fall due within the past minute; the rest over the next 30 days
                Instant due = i % 100 == 0 ? now.minusSeconds(i % 60) : now.plusSeconds(60 + (i * 26L) % 2_592_000);
                rows.add(new Object[] {bytes(Ids.newId()), bytes(policy), "NORMAL", "OPEN", ts(created), 0L, ts(due), ts(now)});
                if (rows.size() == 500 || i == CONVERSATIONS - 1) {
                    jdbc.batchUpdate("INSERT INTO sla_clock (conversation_id, policy_id, priority, status,"
                            + " first_response_started_at, resolution_elapsed_seconds, next_check_at, updated_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows);
                    rows.clear();
                }
            }
            double insertMs = (System.nanoTime() - start) / 1e6;
            System.out.printf("BENCH sweep design: %d due-time rows written in %.0f ms (%.3f ms/conversation)%n",
                    CONVERSATIONS, insertMs, insertMs / CONVERSATIONS);

            // recomputing a due time = one indexed UPDATE; measure 10,000 single-row updates in batches
            List<Object[]> updates = jdbc.query("SELECT conversation_id FROM sla_clock LIMIT 10000",
                    (rs, n) -> new Object[] {ts(now.plusSeconds(3600 + n)), rs.getBytes(1)});
            start = System.nanoTime();
            for (int i = 0; i < updates.size(); i += 500) {
                jdbc.batchUpdate("UPDATE sla_clock SET next_check_at = ? WHERE conversation_id = ?",
                        updates.subList(i, Math.min(updates.size(), i + 500)));
            }
            double updateMs = (System.nanoTime() - start) / 1e6;
            System.out.printf("BENCH sweep design: %d due-time updates in %.0f ms (%.3f ms/update)%n",
                    updates.size(), updateMs, updateMs / updates.size());

            // one sweep query over 100,000 rows: lock the due ones (SKIP LOCKED), 200 at a time
            SweepQueries sweep = app.getBean(SweepQueries.class);
            org.springframework.transaction.support.TransactionTemplate tx =
                    new org.springframework.transaction.support.TransactionTemplate(
                            app.getBean(org.springframework.transaction.PlatformTransactionManager.class));
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                long t0 = System.nanoTime();
                tx.executeWithoutResult(status -> sweep.lockDue(Instant.now(), 200));
                times.add(System.nanoTime() - t0);
            }
            times.sort(null);
            System.out.printf("BENCH sweep design: one sweep query (lock up to 200 due of %d rows, FOR UPDATE SKIP LOCKED):"
                    + " median %.2f ms, p99 %.2f ms%n", CONVERSATIONS, times.get(25) / 1e6, times.get(49) / 1e6);

            // design A: one Quartz trigger per conversation in the clustered JDBC store
            Scheduler scheduler = app.getBean(Scheduler.class);
            JobDetail job = JobBuilder.newJob(SlaSweepJob.class).withIdentity("bench", "bench").storeDurably().build();
            scheduler.addJob(job, true);
            int quartzCount = Integer.getInteger("bench.quartz-triggers", CONVERSATIONS);
            start = System.nanoTime();
            for (int i = 0; i < quartzCount; i++) {
                scheduler.scheduleJob(TriggerBuilder.newTrigger().forJob(job).withIdentity("c" + i, "bench")
                        .startAt(java.util.Date.from(now.plus(Duration.ofDays(30)).plusSeconds(i)))
                        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                        .build());
            }
            double quartzMs = (System.nanoTime() - start) / 1e6;
            System.out.printf("BENCH trigger design: %d Quartz triggers scheduled in %.0f ms (%.3f ms/conversation)%n",
                    quartzCount, quartzMs, quartzMs / quartzCount);
            start = System.nanoTime();
            int rescheduled = Math.min(2_000, quartzCount);
            for (int i = 0; i < rescheduled; i++) {
                scheduler.rescheduleJob(new org.quartz.TriggerKey("c" + i, "bench"), TriggerBuilder.newTrigger()
                        .forJob(job).withIdentity("c" + i, "bench")
                        .startAt(java.util.Date.from(now.plus(Duration.ofDays(31)).plusSeconds(i))).build());
            }
            double rescheduleMs = (System.nanoTime() - start) / 1e6;
            System.out.printf("BENCH trigger design: %d reschedules (a due time recomputed) in %.0f ms (%.3f ms each)%n",
                    rescheduled, rescheduleMs, rescheduleMs / rescheduled);
            scheduler.deleteJob(job.getKey());
            System.out.printf("BENCH (group cleanup left %d triggers)%n",
                    scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals("bench")).size());
        }
    }

    private static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }

    private static Timestamp ts(Instant i) {
        return Timestamp.from(i);
    }
}
