package org.parley.bench;

import org.parley.conversation.ConversationAccess.Viewer;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.parley.base.Ids;
import org.parley.base.persistence.DatabaseVendor;
import org.parley.bench.BenchReport.Percentiles;
import org.parley.bench.BenchReport.Result;
import org.parley.conversation.ConversationService;
import org.parley.conversation.InboxQueries;
import org.parley.conversation.InboxRow;
import org.parley.conversation.PageCursor;
import org.parley.conversation.Queue;
import org.parley.support.Viewers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Parley's own speed: ingestion through the HTTP API beside the raw JDBC ceiling, opening a long customer
 * timeline, and queue pages over a big desk. In {@code ./mvnw verify} it runs in SMOKE mode (tiny sizes, so
 * the code never rots); {@code ./mvnw verify -Pbench} runs the full sizes on H2, and with
 * {@code -Dparley.bench.database=mysql} on MySQL/MariaDB (database {@code parley_bench} on the test server).
 * Results: printed, and in {@code target/bench/results.json}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "parley.demo.enabled=false",
    "parley.api.bootstrap-token=" + BenchmarkSuiteTest.TOKEN,
    "logging.level.org.parley=warn",
    // the desks generated here have no report facts on purpose (the report benchmark writes its own)
    "parley.reports.backfill-enabled=false"
})
@Tag("bench-suite")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BenchmarkSuiteTest {

    static final String TOKEN = "bench-token-0123456789";
    static final BenchMode MODE = BenchMode.current();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        if (!BenchDatabase.mysqlIfAsked(registry, "parley_bench")) {
            registry.add("spring.datasource.url", () -> "jdbc:h2:mem:bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        }
        BenchDatabase.searchIndexOnDisk(registry);
        BenchDatabase.spineAsInProduction(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    @Autowired
    DatabaseVendor vendor;
    @Autowired
    ConversationService conversations;
    @Autowired
    InboxQueries inbox;
    @Autowired
    org.parley.report.Reports reports;
    @Autowired
    org.parley.team.TeamDirectory team;
    @Autowired
    org.parley.security.ApiTokenService tokens;

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    org.parley.routing.RoutingRules rules;

    /**
     * The whole pipeline (identity, threading, 50 routing rules, SLA clock, report facts, live event) at 8, 64
     * and 256 concurrent clients, each message durable before its 201; a 503 (back-pressure) is counted and
     * the message sent again after its Retry-After, as a client would; any other answer fails the run. Then the
     * door alone at 64 clients (requests refused before their lane), and an open loop at a fixed rate.
     */
    @Test
    @Order(1)
    void ingest() throws Exception {
        int messages = MODE.size("parley.bench.ingest.messages", 40, 6000);
        List<Integer> clientCounts = MODE == BenchMode.SMOKE ? List.of(2, 8)
                : java.util.Arrays.stream(System.getProperty("parley.bench.ingest.clients", "8,64,256").split(","))
                        .map(String::strip).map(Integer::valueOf).toList();
        if (rules.list().stream().noneMatch(r -> r.name().startsWith("bench rule"))) {
            for (int i = 0; i < 50; i++) {
                // 49 rules that do not match (each one evaluated), one that tags every message
                rules.create(new org.parley.routing.RuleSpec("bench rule " + i, true, "CONVERSATION_CREATED", "ALL",
                        false, List.of(new org.parley.routing.RuleSpec.Condition("SUBJECT", "CONTAINS",
                                i == 49 ? "Order" : "no-such-word-" + i)),
                        List.of(new org.parley.routing.RuleSpec.Action("ADD_TAG", "bench"))));
            }
        }
        String run = Long.toString(System.nanoTime(), 36);
        // the bootstrap token by default (as in every earlier run); parley.bench.ingest.token=stored sends as an
        // integration does, with a stored token of the ingest scope
        String storedToken = storedIngestToken(run);
        String token = "stored".equals(System.getProperty("parley.bench.ingest.token")) ? storedToken : TOKEN;
        for (int i = 0; i < 8; i++) {
            post(token, run, "warmup-" + i, i, null); // first requests pay for class loading and JIT
        }
        double rawPerSecond = rawInsertCeiling(messages);
        List<Result> results = new ArrayList<>();
        for (int r = 0; r < clientCounts.size(); r++) {
            int clients = clientCounts.get(r);
            // a client count may come again (64,64: the second round on a warm JVM), with messages of its own
            String round = run + "-" + r + "-" + clients;
            long[] latencies = new long[messages];
            AtomicInteger next = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpuBefore = os.getProcessCpuTime();
            long start = System.nanoTime();
            List<Future<?>> work = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                work.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < messages; i = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        int customer = i % Math.max(1, messages / 8);
                        HttpResponse<String> answer = post(token, round, "m" + i, customer, null);
                        while (answer.statusCode() == 503) {
                            refused.incrementAndGet();
                            long wait = answer.headers().firstValueAsLong("Retry-After").orElse(1);
                            Thread.sleep(Math.max(50, wait * 1000 / 4));
                            answer = post(token, round, "m" + i, customer, null);
                        }
                        latencies[i] = System.nanoTime() - t0;
                        if (answer.statusCode() != 201) {
                            throw new IllegalStateException("ingest answered " + answer.statusCode() + ": "
                                    + answer.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            double perSecond = messages / seconds;
            String scenario = "ingest-" + clients;
            // the rest of the pipeline (routing, SLA, report facts, notifications) runs after the commit: wait
            // until every subscriber has applied every event, and count that too
            long drained = awaitSpineDrained();
            double cpuPerMessage = (os.getProcessCpuTime() - cpuBefore) / 1e6 / messages;
            double pipelineSeconds = (drained - start) / 1e9;
            results.add(new Result(scenario, "CPU of Parley's JVM per message (load client included)", cpuPerMessage,
                    "ms", "the database server's own CPU not included"));
            results.add(new Result(scenario, "messages/s through the whole pipeline (until every subscriber is done)",
                    messages / pipelineSeconds, "msg/s", "routing with 50 rules, SLA clock, report facts, notifications"));
            results.add(new Result(scenario, "messages/s through POST /api/v1/inbound, " + clients + " clients",
                    perSecond, "msg/s", messages + " messages from " + Math.max(1, messages / 8)
                            + " senders, 50 routing rules; " + refused.get() + " answers 503 (sent again)"));
            results.add(new Result(scenario, "share of the raw JDBC ceiling", 100.0 * perSecond / rawPerSecond, "%",
                    "raw: " + Math.round(rawPerSecond) + " rows/s"));
            results.addAll(BenchReport.latency(scenario, "request latency (until durable, retries included)",
                    Percentiles.ofNanos(latencies), null));
            assertThat(perSecond).isPositive();
        }
        int doorClients = MODE == BenchMode.SMOKE ? 8 : 64;
        results.addAll(doorCeiling(run, doorClients, messages, TOKEN, "bootstrap token"));
        results.addAll(doorCeiling(run, doorClients, messages, storedToken, "stored token"));
        // open loop: messages sent at a fixed rate whatever the answers take, latency measured per message
        int rate = MODE.size("parley.bench.ingest.rate", 20, 500);
        int paced = MODE.size("parley.bench.ingest.paced-messages", 40, 5000);
        String pacedRun = run + "-paced";
        long[] pacedLatencies = new long[paced];
        AtomicInteger pacedRefused = new AtomicInteger();
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            long begin = System.nanoTime();
            long interval = 1_000_000_000L / rate;
            for (int i = 0; i < paced; i++) {
                long due = begin + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                int n = i;
                senders.submit(() -> {
                    long t0 = System.nanoTime();
                    HttpResponse<String> answer = post(token, pacedRun, "p" + n, n % Math.max(1, paced / 8), null);
                    pacedLatencies[n] = System.nanoTime() - t0;
                    if (answer.statusCode() == 503) {
                        pacedRefused.incrementAndGet();
                    } else if (answer.statusCode() != 201) {
                        throw new IllegalStateException("ingest answered " + answer.statusCode());
                    }
                    return null;
                });
            }
        }
        results.addAll(BenchReport.latency("ingest-paced", "request latency at " + rate + " messages/s (open loop)",
                Percentiles.ofNanos(pacedLatencies), paced + " messages; " + pacedRefused.get() + " answered 503"));
        results.add(new Result("ingest", "raw batched JDBC inserts, same rows", rawPerSecond, "rows/s",
                "batches of 500 per commit"));
        BenchReport.publish("ingest", MODE.name(), vendor.kind().name(), results);
    }

    @Test
    @Order(2)
    void agentReads() throws Exception {
        int historyMessages = MODE.size("parley.bench.timeline.messages", 200, 2000);
        long deskConversations = MODE.size("parley.bench.desk.conversations", 2000, 1_000_000);
        int repetitions = MODE.size("parley.bench.repetitions", 5, 40);
        DeskGenerator generator = new DeskGenerator(dataSource);
        String tag = Long.toString(System.nanoTime(), 36);

        UUID customer = generator.customerWithHistory(Math.max(1, historyMessages / 100), historyMessages, tag);
        long generateStart = System.nanoTime();
        generator.generate((int) Math.min(100_000, Math.max(10, deskConversations / 10)), deskConversations, tag);
        double generateSeconds = (System.nanoTime() - generateStart) / 1e9;

        long[] latest = new long[repetitions];
        long[] full = new long[repetitions];
        for (int r = 0; r < repetitions; r++) {
            long t0 = System.nanoTime();
            assertThat(conversations.latestTimeline(Viewer.SYSTEM, customer, 200)).hasSize(Math.min(200, historyMessages));
            latest[r] = System.nanoTime() - t0;
            t0 = System.nanoTime();
            assertThat(conversations.timeline(Viewer.SYSTEM, customer)).hasSize(historyMessages);
            full[r] = System.nanoTime() - t0;
        }

        UUID agent = null;
        long[] firstPage = new long[repetitions];
        long[] deepPage = new long[repetitions];
        long[] counts = new long[repetitions];
        List<InboxRow> page = inbox.wholeQueue(Viewer.SYSTEM, Queue.ALL_OPEN, agent, null, 50);
        PageCursor deep = page.getLast().cursor();
        for (int hop = 0; hop < Math.min(200, deskConversations / 100); hop++) {
            List<InboxRow> further = inbox.wholeQueue(Viewer.SYSTEM, Queue.ALL_OPEN, agent, deep, 50);
            if (further.isEmpty()) {
                break;
            }
            deep = further.getLast().cursor();
        }
        for (int r = 0; r < repetitions; r++) {
            long t0 = System.nanoTime();
            assertThat(inbox.wholeQueue(Viewer.SYSTEM, Queue.ALL_OPEN, agent, null, 50)).hasSize(50);
            firstPage[r] = System.nanoTime() - t0;
            t0 = System.nanoTime();
            inbox.wholeQueue(Viewer.SYSTEM, Queue.ALL_OPEN, agent, deep, 50);
            deepPage[r] = System.nanoTime() - t0;
            t0 = System.nanoTime();
            inbox.wholeQueueCount(Viewer.SYSTEM, Queue.ALL_OPEN, agent);
            counts[r] = System.nanoTime() - t0;
        }
        // as an agent of one team sees it: the access rule (their team, their assignments, no team) in the query
        UUID teamOfOne = team.createTeam("agent-reads-" + tag, "the agent-reads benchmark").getId();
        UUID member = team.createAgent("agent-reads-" + tag, "Agent Reads", "agent-reads-" + tag + "@parley.test",
                "secret-password", java.util.EnumSet.of(org.parley.team.Role.AGENT)).getId();
        team.addMember(teamOfOne, member, false);
        Viewer asAgent = access.viewerOf(member);
        long[] agentPage = new long[repetitions];
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long agentCpu = 0;
        for (int r = 0; r < repetitions; r++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            assertThat(inbox.page(asAgent, Queue.ALL_OPEN, null, 50)).hasSize(50);
            agentPage[r] = System.nanoTime() - t0;
            agentCpu += threads.getCurrentThreadCpuTime() - cpu0;
        }

        List<Result> results = new ArrayList<>();
        results.add(new Result("agent-reads", "desk generated", deskConversations / generateSeconds, "conv/s",
                deskConversations + " conversations"));
        results.addAll(BenchReport.latency("agent-reads", "open timeline (newest 200 of " + historyMessages + ")",
                Percentiles.ofNanos(latest), null));
        results.addAll(BenchReport.latency("agent-reads", "whole timeline (" + historyMessages + " messages)",
                Percentiles.ofNanos(full), null));
        results.addAll(BenchReport.latency("agent-reads", "queue page of 50, first (" + deskConversations + " conv.)",
                Percentiles.ofNanos(firstPage), null));
        results.addAll(BenchReport.latency("agent-reads", "queue page of 50, deep keyset", Percentiles.ofNanos(deepPage),
                null));
        results.addAll(BenchReport.latency("agent-reads", "queue count (All open)", Percentiles.ofNanos(counts), null));
        results.addAll(BenchReport.latency("agent-reads", "queue page of 50, first, as an agent of one team",
                Percentiles.ofNanos(agentPage), null));
        results.add(new Result("agent-reads", "JVM CPU per queue page as an agent (the reading thread's)",
                agentCpu / 1e6 / repetitions, "ms", "the database server's own CPU not included"));
        BenchReport.publish("agent-reads", MODE.name(), vendor.kind().name(), results);
    }

    @Test
    @Order(3)
    void reports() throws Exception {
        long deskConversations = MODE.size("parley.bench.report.conversations", 2000, 1_000_000);
        int repetitions = MODE.size("parley.bench.repetitions", 3, 20);
        String tag = Long.toString(System.nanoTime(), 36);
        List<UUID> teams = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            teams.add(team.createTeam("Bench team " + tag + " " + i, null).getId());
        }
        List<UUID> agents = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            agents.add(team.createAgent("bench-" + tag + "-" + i, "Bench Agent " + i, null, "password-123",
                    java.util.Set.of(org.parley.team.Role.AGENT)).getId());
        }
        UUID admin = team.createAgent("bench-admin-" + tag, "Bench Admin", null, "password-123",
                java.util.Set.of(org.parley.team.Role.ADMIN)).getId();
        Instant now = Instant.now();
        long generateStart = System.nanoTime();
        long written = new ReportDeskGenerator(dataSource).fill(deskConversations, teams, agents, now);
        double generateSeconds = (System.nanoTime() - generateStart) / 1e9;

        java.time.ZoneId zone = java.time.ZoneId.of("UTC");
        java.time.LocalDate today = java.time.LocalDate.now(zone);
        List<Result> results = new ArrayList<>();
        if (written > 0) {
            results.add(new Result("reports", "facts generated", written / generateSeconds, "conv/s",
                    written + " conversations with their responses"));
        }
        for (org.parley.report.GroupBy groupBy : org.parley.report.GroupBy.values()) {
            // a 30-day range, a different one each time (no cache helps), all tables and charts
            long[] nanos = new long[repetitions];
            long conversationsInRange = 0;
            for (int r = -1; r < repetitions; r++) {
                java.time.LocalDate to = today.minusDays(1 + Math.floorMod(r, 300));
                var request = new org.parley.report.ReportRequest(to.minusDays(29), to, zone, groupBy);
                long t0 = System.nanoTime();
                var report = reports.report(Viewers.of(admin), request);
                if (r >= 0) {
                    nanos[r] = System.nanoTime() - t0; // r = -1 warms up
                }
                conversationsInRange = report.table(org.parley.report.Reports.VOLUME).rows().getFirst().values().getFirst()
                        .longValue();
                assertThat(report.tables()).hasSize(4);
            }
            results.addAll(BenchReport.latency("reports", "30-day report by " + groupBy.name().toLowerCase(),
                    Percentiles.ofNanos(nanos), "~" + conversationsInRange + " conversations in range, "
                            + deskConversations + " in the desk"));
        }
        BenchReport.publish("reports", MODE.name(), vendor.kind().name(), results);
    }

    @Autowired
    org.parley.channel.email.MailboxService mailboxes;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    /**
     * A mailbox of 10,000 mails from 500 senders (every other follow-up answers the sender's first mail by
     * In-Reply-To) on GreenMail's IMAP server, imported by Parley's own poller: from connecting the mailbox
     * until every mail is a stored message, and until the event spine has applied them all.
     */
    @Test
    @Order(4)
    void imapImport() throws Exception {
        int mails = MODE.size("parley.bench.imap.mails", 60, 10_000);
        int senders = Math.min(500, Math.max(1, mails / 20));
        String run = Long.toString(System.nanoTime(), 36);
        var greenMail = new com.icegreen.greenmail.util.GreenMail(
                com.icegreen.greenmail.util.ServerSetup.dynamicPort(com.icegreen.greenmail.util.ServerSetupTest.SMTP_IMAP));
        greenMail.start();
        java.util.UUID mailbox = null;
        try {
            String address = "bench-" + run + "@parley.test";
            var user = greenMail.setUser(address, "bench-" + run, "secret-" + run);
            jakarta.mail.Session session = jakarta.mail.Session.getInstance(new java.util.Properties());
            long fillStart = System.nanoTime();
            for (int i = 0; i < mails; i++) {
                int sender = i % senders;
                String firstId = "<first-" + sender + "-" + run + "@example.com>";
                boolean first = i < senders;
                String id = first ? firstId : "<m" + i + "-" + run + "@example.com>";
                String threading = !first && (i / senders) % 2 == 1 ? "In-Reply-To: " + firstId + "\r\nReferences: "
                        + firstId + "\r\n" : "";
                String raw = "From: Sender " + sender + " <sender" + sender + "-" + run + "@example.com>\r\nTo: " + address
                        + "\r\nSubject: " + (threading.isEmpty() ? "Order question " + i : "Re: Order question " + sender)
                        + "\r\nMessage-ID: " + id + "\r\nDate: Mon, 23 Nov 2026 09:00:00 +0000\r\n" + threading
                        + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nHello, this is mail " + i
                        + " about my order. Could you have a look, please?\r\n";
                user.deliver(new jakarta.mail.internet.MimeMessage(session,
                        new java.io.ByteArrayInputStream(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
            }
            double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
            long start = System.nanoTime();
            mailbox = mailboxes.create(new org.parley.channel.email.MailboxSettings("Bench " + run, "127.0.0.1",
                    greenMail.getImap().getPort(), false, "bench-" + run, "secret-" + run, "INBOX", "127.0.0.1",
                    greenMail.getSmtp().getPort(), false, address, 60)).getId();
            long deadline = start + java.util.concurrent.TimeUnit.MINUTES.toNanos(30);
            long stored = 0;
            while (stored < mails && System.nanoTime() < deadline) {
                Thread.sleep(MODE == BenchMode.SMOKE ? 50 : 200);
                stored = jdbc.queryForObject("SELECT COUNT(*) FROM message WHERE channel = 'EMAIL' AND external_id LIKE ?",
                        Long.class, "%-" + run + "@example.com>");
            }
            long imported = System.nanoTime();
            assertThat(stored).as("every mail stored exactly once").isEqualTo(mails);
            long drained = awaitSpineDrained();
            long conversations = jdbc.queryForObject("SELECT COUNT(DISTINCT conversation_id) FROM message WHERE channel = "
                    + "'EMAIL' AND external_id LIKE ?", Long.class, "%-" + run + "@example.com>");
            List<Result> results = new ArrayList<>();
            results.add(new Result("imap-import", "mails/s from IMAP until stored (parsed, identity, threading)",
                    mails / ((imported - start) / 1e9), "msg/s", mails + " mails from " + senders + " senders into "
                            + conversations + " conversations; GreenMail filled in " + Math.round(fillSeconds) + " s"));
            results.add(new Result("imap-import", "mails/s until every subscriber is done",
                    mails / ((drained - start) / 1e9), "msg/s", "routing with the ingest run's rules, SLA, report facts"));
            BenchReport.publish("imap-import", MODE.name(), vendor.kind().name(), results);
        } finally {
            if (mailbox != null) {
                // the GreenMail server goes: later runs on the same database must not poll it
                mailboxes.setEnabled(mailbox, false);
            }
            greenMail.stop();
        }
    }

    @Autowired
    org.parley.search.ConversationSearch search;
    @Autowired
    org.parley.search.SearchIndexAdmin searchAdmin;
    @Autowired
    org.parley.channel.IngestionService ingestion;
    @Autowired
    org.parley.conversation.ConversationAccess access;

    /**
     * Conversation search over a desk of a million messages in the embedded Lucene index: the rate the index is
     * rebuilt at from the search documents, query latency (words, phrases, filters, an agent's team visibility),
     * and the lag from a message's ingestion until a search finds it while messages arrive at a steady rate.
     */
    @Test
    @Order(5)
    void search() throws Exception {
        long messages = MODE.size("parley.bench.search.messages", 2000, 1_000_000);
        int repetitions = MODE.size("parley.bench.search.repetitions", 5, 50);
        String tag = Long.toString(System.nanoTime(), 36);
        List<UUID> teams = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            teams.add(team.createTeam("Search bench " + tag + " " + t, null).getId());
        }
        long fillStart = System.nanoTime();
        new SearchDeskGenerator(dataSource).generate(messages, teams, tag);
        double fillSeconds = (System.nanoTime() - fillStart) / 1e9;

        long indexStart = System.nanoTime();
        searchAdmin.reindex(Viewer.SYSTEM, "benchmark");
        org.parley.search.SearchIndexAdmin.Progress indexed = searchAdmin.awaitIdle(java.time.Duration.ofHours(1));
        double indexSeconds = (System.nanoTime() - indexStart) / 1e9;
        assertThat(indexed.phase()).isEqualTo("DONE");
        assertThat(search.count(Viewer.SYSTEM, "")).isGreaterThanOrEqualTo(messages);

        Viewer everyone = Viewer.SYSTEM;
        UUID agent = team.createAgent("search-bench-" + tag, "Search Bench", "search-bench-" + tag + "@parley.test",
                "secret-password", java.util.EnumSet.of(org.parley.team.Role.AGENT)).getId();
        team.addMember(teams.get(0), agent, false);
        Viewer agentSees = access.viewerOf(agent);
        java.util.Map<String, String> queries = new java.util.LinkedHashMap<>();
        queries.put("common word (8 % of messages)", "delivery");
        queries.put("rare word (0.1 %)", "kettle");
        queries.put("two words, both required", "refund invoice");
        queries.put("word + status + channel", "refund status:open channel:email");
        queries.put("filters only (newest first)", "status:open priority:urgent");
        queries.put("word + date range + has:attachment", "warranty after:2025-01-01 has:attachment");
        List<Result> results = new ArrayList<>();
        results.add(new Result("search", "documents written (JDBC)", messages / fillSeconds, "docs/s",
                messages + " search documents, " + messages / 5 + " conversations"));
        results.add(new Result("search", "index rebuild from the documents", indexed.total() / indexSeconds, "docs/s",
                indexed.total() + " documents in " + Math.round(indexSeconds) + " s (mass indexer, 2 loader threads)"));
        for (var query : queries.entrySet()) {
            for (Viewer viewer : List.of(everyone, agentSees)) {
                for (int w = 0; w < 3; w++) {
                    search.search(viewer, query.getValue(), null, 20);
                }
                long[] nanos = new long[repetitions];
                long total = 0;
                for (int r = 0; r < repetitions; r++) {
                    long t0 = System.nanoTime();
                    total = search.search(viewer, query.getValue(), null, 20).total();
                    nanos[r] = System.nanoTime() - t0;
                }
                results.addAll(BenchReport.latency("search", query.getKey() + (viewer == everyone ? ", sees all"
                        : ", agent of one team"), Percentiles.ofNanos(nanos), "q=" + query.getValue() + ", "
                        + total + " hits, first page of 20 with marked snippets"));
            }
        }

        // index lag: messages arrive at a steady rate; how long until a search finds each
        int rate = MODE.size("parley.bench.search.lag-rate", 20, 100);
        int lagMessages = MODE.size("parley.bench.search.lag-messages", 40, 3000);
        java.util.concurrent.ConcurrentLinkedQueue<Object[]> pending = new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.List<Long> lags = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicBoolean sending = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread poller = Thread.ofVirtual().start(() -> {
            while (sending.get() || !pending.isEmpty()) {
                for (var it = pending.iterator(); it.hasNext(); ) {
                    Object[] p = it.next();
                    if (search.count(Viewer.SYSTEM, (String) p[0]) > 0) {
                        lags.add(System.nanoTime() - (long) p[1]);
                        it.remove();
                    }
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long lagStart = System.nanoTime();
        long period = 1_000_000_000L / rate;
        try (var senders = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < lagMessages; i++) {
                long due = lagStart + i * period;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                int n = i;
                senders.submit(() -> {
                    String token = "lagtoken" + tag + "x" + n;
                    ingestion.ingest(new org.parley.channel.InboundMessage(org.parley.base.Channel.API,
                            "search-lag-" + tag + "-" + n, new org.parley.channel.InboundMessage.Sender(
                                    org.parley.base.Channel.EMAIL, "lag." + tag + "." + (n % 500) + "@example.com",
                                    "Lag " + (n % 500)), "Lag " + n, "Where is my parcel " + token, null, null,
                            List.of(), null, Instant.now()));
                    if (n % 10 == 0) {
                        pending.add(new Object[] {token, System.nanoTime()});
                    }
                    return null;
                });
            }
        }
        double sendSeconds = (System.nanoTime() - lagStart) / 1e9;
        sending.set(false);
        poller.join(java.time.Duration.ofMinutes(10));
        long[] lagNanos = lags.stream().mapToLong(Long::longValue).toArray();
        results.addAll(BenchReport.latency("search", "index lag, stored -> found, at " + rate + " msg/s",
                Percentiles.ofNanos(lagNanos), lagMessages + " messages (" + Math.round(lagMessages / sendSeconds)
                        + " msg/s achieved), every 10th sampled; the whole pipeline runs meanwhile"));
        BenchReport.publish("search", MODE.name(), vendor.kind().name(), results);
    }

    /** When the event spine's backlog (all subscribers) reached zero, as System.nanoTime(). */
    private long awaitSpineDrained() throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(10);
        while (System.nanoTime() < deadline) {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/actuator/health")).header("Authorization", "Bearer " + TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString());
            String body = health.body();
            java.util.regex.Matcher backlog = java.util.regex.Pattern.compile("\"backlog\":(\\d+)").matcher(body);
            if (backlog.find() && backlog.group(1).equals("0")) {
                return System.nanoTime();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the event spine did not drain within 10 minutes");
    }

    /** What an integration presents: a stored token with the ingest scope, of an agent of its own. */
    private String storedIngestToken(String run) {
        UUID integration = team.createAgent("bench-integration-" + run, "Bench Integration", null, "password-123",
                java.util.Set.of(org.parley.team.Role.AGENT)).getId();
        return tokens.create("bench ingest " + run, integration,
                java.util.EnumSet.of(org.parley.security.ApiScope.INGEST), null).token();
    }

    /**
     * What the door alone costs: the same requests, each refused by the last check before its lane (a receivedAt two
     * days ahead), so each one goes through Tomcat, the security filters, the rate limit, JSON, the controller and
     * validation and stores nothing. Its rate is the most the ingest API could answer on this machine if storing,
     * routing and indexing cost nothing.
     */
    private List<Result> doorCeiling(String run, int clients, int messages, String token, String tokenKind)
            throws Exception {
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        String future = Instant.now().plus(java.time.Duration.ofDays(2)).toString();
        AtomicInteger next = new AtomicInteger();
        long cpuBefore = os.getProcessCpuTime();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> work = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                work.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < messages; i = next.getAndIncrement()) {
                        HttpResponse<String> answer = post(token, run + "-door", "d" + i,
                                i % Math.max(1, messages / 8), future);
                        if (answer.statusCode() != 400) {
                            throw new IllegalStateException("a message from the future was answered "
                                    + answer.statusCode() + ": " + answer.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuPerRequest = (os.getProcessCpuTime() - cpuBefore) / 1e6 / messages;
        String scenario = "ingest-door-" + clients;
        return List.of(
                new Result(scenario, "requests/s refused at the edge, nothing stored, " + clients + " clients, "
                        + tokenKind, messages / seconds, "msg/s",
                        "the ingest API's ceiling on this machine with a free pipeline"),
                new Result(scenario, "CPU of Parley's JVM per refused request (load client included), " + tokenKind,
                        cpuPerRequest, "ms", "HTTP, security filters, rate limit, JSON, validation, the 400 answer"));
    }

    private HttpResponse<String> post(String token, String run, String id, int customer, String receivedAt)
            throws Exception {
        String body = """
                {"channel": "API", "externalId": "bench-%1$s-%2$s", "from": {"type": "EMAIL",
                 "value": "ingest.%1$s.%3$d@example.com", "name": "Bench %3$d"}, "subject": "Order %3$d",
                 "text": "Where is my order? It was due last week and I have heard nothing since."%4$s}"""
                .formatted(run, id, customer, receivedAt == null ? "" : ", \"receivedAt\": \"" + receivedAt + "\"");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/inbound")).header("Authorization", "Bearer " + token).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response;
    }

    /** The same number of message-shaped rows, with the same indexes, written by plain batched JDBC. */
    private double rawInsertCeiling(int rows) throws Exception {
        String timestamp = vendor.isMysqlFamily() ? "DATETIME(6)" : "TIMESTAMP(6)";
        try (Connection c = dataSource.getConnection(); Statement ddl = c.createStatement()) {
            ddl.execute("DROP TABLE IF EXISTS bench_raw_message");
            ddl.execute("CREATE TABLE bench_raw_message (id BINARY(16) NOT NULL PRIMARY KEY, conversation_id BINARY(16)"
                    + " NOT NULL, customer_id BINARY(16) NOT NULL, direction VARCHAR(10) NOT NULL, channel VARCHAR(20)"
                    + " NOT NULL, author_name VARCHAR(200), subject VARCHAR(300), text_body VARCHAR(4000),"
                    + " external_id VARCHAR(255), occurred_at " + timestamp + " NOT NULL, created_at " + timestamp + " NOT NULL,"
                    + " CONSTRAINT uk_bench_raw UNIQUE (channel, external_id))");
            ddl.execute("CREATE INDEX ix_bench_raw_customer ON bench_raw_message (customer_id, occurred_at, id)");
            ddl.execute("CREATE INDEX ix_bench_raw_conversation ON bench_raw_message (conversation_id, occurred_at, id)");
            c.setAutoCommit(false);
            long start = System.nanoTime();
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO bench_raw_message VALUES (?, ?, ?, 'INBOUND',"
                    + " 'API', ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < rows; i++) {
                    Instant now = Instant.now();
                    insert.setBytes(1, DeskGenerator.bytes(Ids.newId()));
                    insert.setBytes(2, DeskGenerator.bytes(Ids.newId()));
                    insert.setBytes(3, DeskGenerator.bytes(Ids.newId()));
                    insert.setString(4, "Bench " + i);
                    insert.setString(5, "Order " + i);
                    insert.setString(6, "Where is my order? It was due last week and I have heard nothing since.");
                    insert.setString(7, "raw-" + i);
                    insert.setObject(8, DeskGenerator.utc(now));
                    insert.setObject(9, DeskGenerator.utc(now));
                    insert.addBatch();
                    if ((i + 1) % 500 == 0) {
                        insert.executeBatch();
                        c.commit();
                    }
                }
                insert.executeBatch();
                c.commit();
            }
            double perSecond = rows / ((System.nanoTime() - start) / 1e9);
            c.setAutoCommit(true);
            ddl.execute("DROP TABLE bench_raw_message");
            return perSecond;
        }
    }
}
