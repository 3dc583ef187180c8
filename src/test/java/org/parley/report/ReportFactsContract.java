package org.parley.report;

import org.parley.conversation.ConversationAccess.Viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditTrail;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationStatus;
import org.parley.customer.CustomerDirectory;
import org.parley.sla.CalendarSpec;
import org.parley.sla.PolicySpec;
import org.parley.sla.SlaAdministration;
import org.parley.sla.SlaClocks;
import org.parley.support.Inbound;
import org.parley.support.MutableClock;
import org.parley.support.Viewers;
import org.parley.team.Role;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Metric definitions against a hand-computed fixture: business hours across a night and a weekend, a
 * pending pause, a reopen, a note that does not count, later replies, SLA breaches; and team-lead scoping.
 * Subclasses run it on H2 and on MySQL/MariaDB.
 */
abstract class ReportFactsContract {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Autowired
    MutableClock clock;
    @Autowired
    SlaAdministration slaAdmin;
    @Autowired
    SlaClocks slaClocks;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    CustomerDirectory customers;
    @Autowired
    ConversationService conversations;
    @Autowired
    TeamDirectory team;
    @Autowired
    Reports reports;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AuditTrail audit;
    @Autowired
    org.parley.conversation.OutboundQueue outbox;

    String run;
    UUID policyId;
    UUID agent;
    UUID lead;
    UUID supervisor;
    UUID plainAgent;
    UUID billing;
    UUID social;

    static Instant berlin(String text) {
        return LocalDateTime.parse(text).atZone(BERLIN).toInstant();
    }

    @BeforeEach
    void setUp() {
        run = UUID.randomUUID().toString().substring(0, 8);
        var calendar = slaAdmin.createCalendar(new CalendarSpec("Reports office " + run, "Europe/Berlin", false,
                List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY").stream()
                        .map(d -> new CalendarSpec.Hours(d, "09:00", "17:00")).toList(), List.of()));
        policyId = slaAdmin.createPolicy(new PolicySpec("Reports " + run, calendar.id(), List.of(
                new PolicySpec.Target("NORMAL", 60, 600, 6000)), 50, 150)).id();
        agent = team.createAgent("rep-agent-" + run, "Rita " + run, null, "password-123", Set.of(Role.AGENT)).getId();
        plainAgent = team.createAgent("rep-plain-" + run, "Paul " + run, null, "password-123", Set.of(Role.AGENT)).getId();
        lead = team.createAgent("rep-lead-" + run, "Lea " + run, null, "password-123", Set.of(Role.LEAD)).getId();
        supervisor = team.createAgent("rep-sup-" + run, "Sam " + run, null, "password-123", Set.of(Role.SUPERVISOR))
                .getId();
        billing = team.createTeam("Billing " + run, null).getId();
        social = team.createTeam("Social " + run, null).getId();
        team.addMember(billing, lead, true);
    }

    UUID customerWrites(String who, String text, Instant at) {
        clock.set(at);
        return Inbound.write(transactions, customers, conversations, who + "." + run + "@example.com", "Invoice " + run,
                text, "thread-" + who + "-" + run, at);
    }

    /**
     * Send and resolve, with the reply delivered in the same transaction (no mailbox is connected here, and a
     * send-and-resolve whose reply fails reopens its conversation).
     */
    void resolvedWithDeliveredReply(UUID conversationId, String text) {
        new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(tx -> {
            var reply = conversations.replyAt(Viewer.SYSTEM, conversationId, agent, null, text, true, clock.instant());
            outbox.markSent(reply.id(), "test-" + reply.id());
        });
    }

    record Facts(String status, int reopens, Long firstResponse, Long resolution, int breaches) {
    }

    Facts facts(UUID conversationId) {
        List<Facts> rows = jdbc.query("SELECT status, reopen_count, first_response_seconds, resolution_seconds,"
                + " sla_breaches FROM report_conversation WHERE conversation_id = ?", (rs, i) -> new Facts(
                rs.getString(1), rs.getInt(2), (Long) rs.getObject(3, Long.class), (Long) rs.getObject(4, Long.class),
                rs.getInt(5)), (Object) FactStore.bytes(conversationId));
        return rows.isEmpty() ? null : rows.getFirst();
    }

    /** Listeners run after the commit, on their own threads: wait until the facts show the step. */
    void awaitFacts(UUID id, java.util.function.Predicate<Facts> done) {
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            Facts f = facts(id);
            return f != null && done.test(f);
        });
    }

    @Test
    void metricsFollowTheirDefinitions() throws Exception {
        // A: Friday 16:00 (Berlin) a customer writes; the SLA policy's calendar is Mon-Fri 09-17
        UUID a = customerWrites("ann", "Where is my invoice?", berlin("2031-03-14T16:00"));
        slaClocks.applyPolicy(Viewer.SLA, a, policyId);
        conversations.moveToTeam(Viewer.SYSTEM, a, billing);
        conversations.assign(Viewer.SYSTEM, a, agent);
        // a note is not a response
        conversations.addNoteAt(Viewer.SYSTEM, a, agent, "Checking with accounting", berlin("2031-03-14T16:30"));
        // 60 business minutes run out Friday 17:00: warning (50 %) and breach of the first response
        clock.set(berlin("2031-03-14T17:00"));
        // (the SLA module's own listeners may hold the clock row for a moment: the sweep skips locked rows)
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            slaClocks.sweep(Viewer.SLA, 1000);
            return slaClocks.state(Viewer.SLA, a).orElseThrow().escalations().size() == 2;
        });
        awaitFacts(a, f -> f.breaches() == 1);

        // Monday 10:00 the first public reply: 66 h calendar, 2 business hours (Fri 16-17, Mon 9-10)
        clock.set(berlin("2031-03-17T10:00"));
        conversations.replyAt(Viewer.SYSTEM, a, agent, null, "Here it is", false, clock.instant());
        awaitFacts(a, f -> f.firstResponse() != null && f.status().equals("PENDING"));
        // pending 10:00-14:00, then the customer answers (OPEN) and gets a reply after 1 h; resolved 15:30
        customerWrites("ann", "Thanks, one more question", berlin("2031-03-17T14:00"));
        awaitFacts(a, f -> f.status().equals("OPEN"));
        clock.set(berlin("2031-03-17T15:00"));
        conversations.replyAt(Viewer.SYSTEM, a, agent, null, "Answered", false, clock.instant());
        awaitFacts(a, f -> f.status().equals("PENDING"));
        clock.set(berlin("2031-03-17T15:30"));
        conversations.setStatusAt(Viewer.SYSTEM, a, ConversationStatus.RESOLVED, clock.instant());
        awaitFacts(a, f -> f.status().equals("RESOLVED"));
        // Tuesday 09:00 the customer writes again: reopened; answered and resolved at 11:00
        customerWrites("ann", "It is wrong again", berlin("2031-03-18T09:00"));
        awaitFacts(a, f -> f.reopens() == 1 && f.status().equals("OPEN"));
        clock.set(berlin("2031-03-18T11:00"));
        resolvedWithDeliveredReply(a, "Fixed for good");
        awaitFacts(a, f -> f.status().equals("RESOLVED"));

        // B: Monday 11:00, no SLA (calendar time), answered after 20 minutes, still pending
        UUID b = customerWrites("bob", "Hello?", berlin("2031-03-17T11:00"));
        conversations.moveToTeam(Viewer.SYSTEM, b, social);
        clock.set(berlin("2031-03-17T11:20"));
        conversations.replyAt(Viewer.SYSTEM, b, plainAgent, null, "Hi Bob", false, clock.instant());
        awaitFacts(b, f -> f.firstResponse() != null && f.status().equals("PENDING"));

        Facts fa = facts(a);
        assertThat(fa.firstResponse()).isEqualTo(66 * 3600L);
        assertThat(fa.resolution()).isEqualTo(91 * 3600L); // Fri 16:00 -> Tue 11:00, the final resolution
        assertThat(fa.reopens()).isEqualTo(1);

        clock.set(berlin("2031-03-19T12:00"));
        ReportRequest byTeam = new ReportRequest(LocalDate.parse("2031-03-14"), LocalDate.parse("2031-03-19"), BERLIN,
                GroupBy.TEAM);
        Report report = reports.report(Viewers.of(supervisor), byTeam);

        ReportTable responses = report.table(Reports.RESPONSES);
        ReportTable.Row billingRow = responses.row(billing.toString());
        assertThat(billingRow.label()).isEqualTo("Billing " + run);
        assertThat(value(responses, billingRow, "conversations")).isEqualTo(1);
        assertThat(value(responses, billingRow, "firstMedian")).isEqualTo(66 * 3600);
        assertThat(value(responses, billingRow, "firstBusinessMedian")).isEqualTo(2 * 3600);
        // later replies: Mon 14:00 -> 15:00 (1 h) and Tue 09:00 -> 11:00 (2 h); nearest rank: p50 = 1 h, p90 = 2 h
        assertThat(value(responses, billingRow, "laterReplies")).isEqualTo(2);
        assertThat(value(responses, billingRow, "laterMedian")).isEqualTo(3600);
        assertThat(value(responses, billingRow, "laterP90")).isEqualTo(7200);
        assertThat(value(responses, billingRow, "laterBusinessP90")).isEqualTo(7200);
        ReportTable.Row socialRow = responses.row(social.toString());
        assertThat(value(responses, socialRow, "firstMedian")).isEqualTo(1200);
        assertThat(value(responses, socialRow, "firstBusinessMedian")).isEqualTo(1200); // no SLA: calendar time

        ReportTable resolution = report.table(Reports.RESOLUTION);
        ReportTable.Row resolved = resolution.row(billing.toString());
        assertThat(value(resolution, resolved, "resolved")).isEqualTo(1);
        assertThat(value(resolution, resolved, "median")).isEqualTo(91 * 3600);
        // OPEN in business hours: Fri 16-17, Mon 9-10, Mon 14-15, Tue 9-11 = 5 h; pending and resolved time excluded
        assertThat(value(resolution, resolved, "businessMedian")).isEqualTo(5 * 3600);
        assertThat(value(resolution, resolved, "reopened")).isEqualTo(1);
        assertThat(value(resolution, resolved, "reopenRate")).isEqualTo(100);
        assertThat(resolution.row(social.toString()).value(resolution.column("resolved"))).isZero();

        ReportTable sla = report.table(Reports.SLA);
        ReportTable.Row slaRow = sla.row(billing.toString());
        assertThat(value(sla, slaRow, "underSla")).isEqualTo(1);
        assertThat(value(sla, slaRow, "firstResponseMet")).isZero();
        assertThat(value(sla, slaRow, "nextResponseMet")).isEqualTo(100);
        assertThat(value(sla, slaRow, "warnings")).isEqualTo(1);
        assertThat(value(sla, slaRow, "breaches")).isEqualTo(1);
        assertThat(sla.row(social.toString()).value(sla.column("firstResponseMet"))).isNull();

        ReportTable volume = report.table(Reports.VOLUME);
        assertThat(value(volume, volume.row(social.toString()), "backlog")).isEqualTo(1);
        assertThat(value(volume, volume.row(social.toString()), "age3d")).isEqualTo(1); // Mon 11:00 -> Wed 12:00
        assertThat(value(volume, volume.row(billing.toString()), "backlog")).isZero();

        // drill-down: the conversations behind a row
        assertThat(reports.drillDown(Viewers.of(supervisor), byTeam, Reports.RESOLUTION, billing.toString(), null, 50))
                .extracting(DrillRow::conversationId).containsExactly(a);
        List<DrillRow> first = reports.drillDown(Viewers.of(supervisor), new ReportRequest(LocalDate.parse("2031-03-14"),
                LocalDate.parse("2031-03-19"), BERLIN, GroupBy.AGENT), Reports.RESPONSES, agent.toString(),
                null, 50);
        assertThat(first).extracting(DrillRow::conversationId).containsExactly(a);
        assertThat(reports.drillDown(Viewers.of(supervisor), byTeam, Reports.RESPONSES, social.toString(),
                new Reports.DrillCursor(first.getFirst().createdAt(), a), 50)).extracting(DrillRow::conversationId)
                .containsExactly(b);

        // a team lead sees only the teams they lead
        Report leads = reports.report(Viewers.of(lead), byTeam);
        assertThat(leads.table(Reports.RESPONSES).rows()).extracting(ReportTable.Row::key)
                .containsExactly(ReportTable.TOTAL, billing.toString());
        assertThat(reports.drillDown(Viewers.of(lead), byTeam, Reports.RESPONSES, ReportTable.TOTAL, null, 50))
                .extracting(DrillRow::conversationId).doesNotContain(b).contains(a);
        assertThat(reports.scopeDescription(Viewers.of(lead))).isEqualTo("Your teams: Billing " + run);
        assertThat(reports.scopeDescription(Viewers.of(supervisor))).isEqualTo("All teams");
        assertThatThrownBy(() -> reports.report(Viewers.of(plainAgent), byTeam)).isInstanceOf(AccessDeniedException.class);

        // CSV: raw seconds, recorded in the audit trail
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reports.exportCsv(Viewers.of(supervisor), report, Reports.RESPONSES, out);
        String csv = out.toString(StandardCharsets.UTF_8);
        assertThat(csv.lines().findFirst().orElseThrow()).startsWith("team,conversations,firstResponses,firstMedianSeconds");
        assertThat(csv).contains("Billing " + run + ",1,1,237600,237600,7200,7200,2,3600,7200,3600,7200");
        assertThat(audit.forSubject(Reports.RESPONSES)).extracting(e -> e.getAction()).contains("report.exported");
    }

    @Test
    void theBackfillGivesFactsToConversationsWithout() {
        UUID c = customerWrites("cleo", "Old question", berlin("2031-02-03T10:00"));
        clock.set(berlin("2031-02-03T10:05"));
        resolvedWithDeliveredReply(c, "Old answer");
        awaitFacts(c, f -> f.status().equals("RESOLVED"));
        jdbc.update("DELETE FROM report_response WHERE conversation_id = ?", (Object) FactStore.bytes(c));
        jdbc.update("DELETE FROM report_conversation WHERE conversation_id = ?", (Object) FactStore.bytes(c));
        assertThat(facts(c)).isNull();

        assertThat(backfill.run()).isPositive();

        assertThat(facts(c)).isEqualTo(new Facts("RESOLVED", 0, 300L, 300L, 0));
    }

    @Autowired
    FactBackfill backfill;

    private static double value(ReportTable table, ReportTable.Row row, String column) {
        Double v = row.value(table.column(column));
        assertThat(v).as(column).isNotNull();
        return v;
    }

}
