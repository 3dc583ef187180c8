package org.parley.csat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.base.Channel;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationStatus;
import org.parley.conversation.MessageView;
import org.parley.conversation.Priority;
import org.parley.csat.CsatReports.CsatReport;
import org.parley.csat.CsatReports.Row;
import org.parley.customer.CustomerDirectory;
import org.parley.support.ApiClient;
import org.parley.support.Inbound;
import org.parley.support.MutableClock;
import org.parley.support.ParleySpringTest;
import org.parley.support.SpineEvents;
import org.parley.support.TestClockConfig;
import org.parley.support.Viewers;
import org.parley.team.Role;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Customer satisfaction end to end (H2 and MySQL/MariaDB by the subclasses): a resolved conversation gets a
 * survey, sent after the delay with a signed link; the customer answers once through the real HTTP page; the
 * answer lands in the timeline, in the report and can trigger a routing rule.
 */
@Import(TestClockConfig.class)
@TestPropertySource(properties = {
    "parley.csat.enabled=true",
    "parley.csat.delay=1h",
    "parley.csat.secret=test-csat-secret",
    // the tests send due surveys themselves, with a later instant
    "parley.csat.poll-interval=1h"
})
abstract class CsatContract {

    @LocalServerPort
    int port;
    @Autowired
    CsatSurveys surveys;
    @Autowired
    CsatReports reports;
    @Autowired
    ConversationService conversations;
    @Autowired
    CustomerDirectory customers;
    @Autowired
    TeamDirectory team;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JsonMapper json;
    @Autowired
    MutableClock clock;
    @Autowired
    org.springframework.core.env.Environment environment;

    final HttpClient http = HttpClient.newHttpClient();
    String run;
    UUID agent;
    UUID teamId;

    @BeforeEach
    void setUp() {
        run = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()), 36);
        agent = team.createAgent("csat-agent-" + run, "Cora " + run, null, "password-123", Set.of(Role.AGENT))
                .getId();
        teamId = team.createTeam("Care " + run, null).getId();
        team.addMember(teamId, agent, false);
    }

    /** A customer's email conversation, assigned to the test's agent in its team. */
    UUID conversation() {
        UUID id = Inbound.write(transactions, customers, conversations, run + "-" + UUID.randomUUID() + "@example.com",
                "Help " + run, "My order is late", null, clock.instant());
        conversations.moveToTeam(Viewer.SYSTEM, id, teamId);
        conversations.assign(Viewer.SYSTEM, id, agent);
        return id;
    }

    List<CsatSurveys.Survey> surveysOf(UUID conversationId) {
        return jdbc.queryForList("SELECT id FROM csat_survey WHERE conversation_id = ?", byte[].class,
                (Object) CsatSurveys.bytes(conversationId)).stream().map(b -> surveys.find(CsatSurveys.uuid(b))
                        .orElseThrow()).toList();
    }

    /** Resolves the conversation and waits for its survey; answers the survey. */
    CsatSurveys.Survey resolveAndWaitForSurvey(UUID conversationId) {
        conversations.setStatusAt(Viewer.SYSTEM, conversationId, ConversationStatus.RESOLVED, clock.instant());
        await().atMost(Duration.ofSeconds(20)).until(() -> !surveysOf(conversationId).isEmpty());
        return surveysOf(conversationId).getFirst();
    }

    /** Resolves, waits for the survey and sends it (as the round would an hour later). */
    CsatSurveys.Survey sentSurvey() {
        UUID c = conversation();
        CsatSurveys.Survey s = resolveAndWaitForSurvey(c);
        surveys.sendDue(s.dueAt().plusSeconds(1));
        return surveys.find(s.id()).orElseThrow();
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(UUID surveyId, String sig, String score, String comment) throws Exception {
        String form = "sig=" + enc(sig) + (score == null ? "" : "&score=" + enc(score))
                + (comment == null ? "" : "&comment=" + enc(comment));
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/csat/" + surveyId))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void aResolvedConversationGetsASurveyThatIsSentAfterTheDelayWithASignedLink() {
        UUID c = conversation();
        Instant resolvedAt = clock.instant();
        CsatSurveys.Survey s = resolveAndWaitForSurvey(c);
        assertThat(s.agentId()).isEqualTo(agent);
        assertThat(s.teamId()).isEqualTo(teamId);
        assertThat(s.channel()).isEqualTo(Channel.EMAIL);
        assertThat(s.dueAt()).isEqualTo(s.resolvedAt().plus(Duration.ofHours(1)));
        assertThat(s.resolvedAt()).isBetween(resolvedAt.minusSeconds(1), resolvedAt.plusSeconds(1));

        // not yet due: nothing is sent
        surveys.sendDue(s.dueAt().minusSeconds(60));
        assertThat(surveys.find(s.id()).orElseThrow().sentAt()).isNull();

        // due: sent once, as a reply on the conversation's channel with the signed link
        surveys.sendDue(s.dueAt().plusSeconds(1));
        surveys.sendDue(s.dueAt().plusSeconds(2));
        assertThat(surveys.find(s.id()).orElseThrow().sentAt()).isNotNull();
        List<MessageView> outbound = conversations.messages(Viewer.SYSTEM, c).stream()
                .filter(m -> m.text() != null && m.text().contains("/csat/" + s.id())).toList();
        assertThat(outbound).hasSize(1);
        assertThat(outbound.getFirst().text()).contains("/csat/" + s.id() + "?sig=" + surveys.signature(s.id()))
                .contains("http://localhost:" + port);
        assertThat(outbound.getFirst().channel()).isEqualTo(Channel.EMAIL);
        // the survey is no agent's answer: the conversation stays resolved
        assertThat(conversations.get(Viewer.SYSTEM, c).status()).isEqualTo(ConversationStatus.RESOLVED);

        // reopened and resolved again within the week: no second survey
        clock.advance(Duration.ofHours(3));
        conversations.setStatusAt(Viewer.SYSTEM, c, ConversationStatus.OPEN, clock.instant());
        conversations.setStatusAt(Viewer.SYSTEM, c, ConversationStatus.RESOLVED, clock.instant());
        UUID other = conversation();
        resolveAndWaitForSurvey(other); // the spine has handled the earlier changes by then
        assertThat(surveysOf(c)).hasSize(1);
    }

    @Test
    void withoutAConfiguredSecretOneIsGeneratedOnceAndSharedThroughTheDatabase() {
        CsatProperties noSecret = new CsatProperties(true, Duration.ofHours(1), Set.of(Channel.EMAIL), null,
                Duration.ofDays(7), Duration.ofMinutes(1));
        CsatSurveys one = new CsatSurveys(jdbc, null, null, null, noSecret, clock, environment, transactions,
                "https://help.example.com/");
        CsatSurveys other = new CsatSurveys(jdbc, null, null, null, noSecret, clock, environment, transactions, "");
        UUID id = UUID.randomUUID();
        assertThat(one.signature(id)).hasSize(64).isEqualTo(other.signature(id))
                .isNotEqualTo(surveys.signature(id));
        assertThat(one.signatureValid(id, other.signature(id))).isTrue();
        assertThat(one.link(id)).isEqualTo("https://help.example.com/csat/" + id + "?sig=" + one.signature(id));
    }

    @Test
    void phoneConversationsGetNoSurvey() {
        UUID c = conversations.recordOutboundCall(Viewer.SYSTEM, customers.resolve(
                new org.parley.customer.IdentityKey(Channel.PHONE, "+4930" + Math.abs(run.hashCode())), "Caller " + run,
                null, clock.instant()).customerId(), null, "Cora", "call-" + run, "Called about the order",
                clock.instant())
                .conversationId();
        conversations.setStatus(Viewer.SYSTEM, c, ConversationStatus.RESOLVED);
        UUID email = conversation();
        resolveAndWaitForSurvey(email); // the spine has handled the call's resolution by then
        assertThat(surveysOf(c)).isEmpty();
    }

    @Test
    void theLinkOpensOnlyWithItsOwnSignature() throws Exception {
        CsatSurveys.Survey s = sentSurvey();
        CsatSurveys.Survey other = sentSurvey();
        String sig = surveys.signature(s.id());

        HttpResponse<String> page = get("/csat/" + s.id() + "?sig=" + sig);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("How did we do?").contains("name=\"score\" value=\"5\"");
        assertThat(page.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(get("/csat/" + s.id() + "?sig=" + sig.toUpperCase()).statusCode()).isEqualTo(200);

        assertThat(get("/csat/" + s.id() + "?sig=" + "0".repeat(64)).statusCode()).isEqualTo(403);
        assertThat(get("/csat/" + s.id()).statusCode()).isEqualTo(403);
        assertThat(get("/csat/" + s.id() + "?sig=" + surveys.signature(other.id())).statusCode()).isEqualTo(403);
        assertThat(get("/csat/not-a-uuid?sig=" + sig).statusCode()).isEqualTo(403);
        assertThat(post(s.id(), surveys.signature(other.id()), "5", null).statusCode()).isEqualTo(403);
        assertThat(surveys.find(s.id()).orElseThrow().answered()).isFalse();
    }

    @Test
    void oneAnswerPerSurveyTheFirstStaysAndLandsInTheTimeline() throws Exception {
        CsatSurveys.Survey s = sentSurvey();
        String sig = surveys.signature(s.id());

        assertThat(post(s.id(), sig, "6", null).statusCode()).isEqualTo(400);
        assertThat(post(s.id(), sig, "x", null).statusCode()).isEqualTo(400);
        assertThat(post(s.id(), sig, "3", "y".repeat(1001)).statusCode()).isEqualTo(400);
        assertThat(surveys.find(s.id()).orElseThrow().answered()).isFalse();

        HttpResponse<String> answered = post(s.id(), sig, "4", "Quick <b>help</b>");
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(answered.body()).contains("Thank you").contains("Quick &lt;b&gt;help&lt;/b&gt;")
                .doesNotContain("<b>help");

        HttpResponse<String> again = post(s.id(), sig, "1", "Changed my mind");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("already answered");
        assertThat(get("/csat/" + s.id() + "?sig=" + sig).body()).contains("already answered");

        CsatSurveys.Survey stored = surveys.find(s.id()).orElseThrow();
        assertThat(stored.score()).isEqualTo(4);
        assertThat(stored.comment()).isEqualTo("Quick <b>help</b>");
        List<MessageView> notes = conversations.messages(Viewer.SYSTEM, s.conversationId()).stream()
                .filter(m -> m.text() != null && m.text().startsWith("Customer satisfaction:")).toList();
        assertThat(notes).hasSize(1);
        assertThat(notes.getFirst().text()).isEqualTo("Customer satisfaction: 4/5 — “Quick <b>help</b>”");
        List<SatisfactionRated> rated = SpineEvents.of(jdbc, json, SatisfactionRated.class).stream()
                .filter(e -> e.surveyId().equals(s.id())).toList();
        assertThat(rated).hasSize(1);
        assertThat(rated.getFirst().score()).isEqualTo(4);
        assertThat(rated.getFirst().agentId()).isEqualTo(agent);
        assertThat(rated.getFirst().teamId()).isEqualTo(teamId);
        assertThat(rated.getFirst().channel()).isEqualTo(Channel.EMAIL);
    }

    @Test
    void twoAnswersAtTheSameMomentLandOnce() throws Exception {
        CsatSurveys.Survey s = sentSurvey();
        String sig = surveys.signature(s.id());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<CsatSurveys.Outcome>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int score = 2 + i % 3;
                answers.add(() -> surveys.answer(s.id(), sig, score, null));
            }
            List<CsatSurveys.Outcome> outcomes = new ArrayList<>();
            for (Future<CsatSurveys.Outcome> f : pool.invokeAll(answers)) {
                outcomes.add(f.get());
            }
            assertThat(outcomes).containsOnlyOnce(CsatSurveys.Outcome.RECORDED);
            assertThat(outcomes.stream().filter(o -> o == CsatSurveys.Outcome.ALREADY_ANSWERED)).hasSize(3);
        } finally {
            pool.shutdownNow();
        }
        assertThat(SpineEvents.of(jdbc, json, SatisfactionRated.class).stream()
                .filter(e -> e.surveyId().equals(s.id()))).hasSize(1);
        assertThat(conversations.messages(Viewer.SYSTEM, s.conversationId()).stream()
                .filter(m -> m.text() != null && m.text().startsWith("Customer satisfaction:"))).hasSize(1);
    }

    /** Answered surveys on a day of their own (other runs on a kept database use other days). */
    void answered(UUID agentId, UUID team, Channel channel, int score, Instant at) {
        jdbc.update("INSERT INTO csat_survey (id, conversation_id, customer_id, agent_id, team_id, channel,"
                + " resolved_at, due_at, sent_at, answered_at, score) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                CsatSurveys.bytes(UUID.randomUUID()), CsatSurveys.bytes(UUID.randomUUID()),
                CsatSurveys.bytes(UUID.randomUUID()), CsatSurveys.bytes(agentId), CsatSurveys.bytes(team),
                channel.name(), CsatSurveys.ts(at.minusSeconds(7200)), CsatSurveys.ts(at.minusSeconds(3600)),
                CsatSurveys.ts(at.minusSeconds(3600)), CsatSurveys.ts(at), score);
    }

    @Test
    void theReportFiguresOnAFixture() {
        // a Monday far from other runs' fixtures
        LocalDate monday = LocalDate.of(2040, 1, 2).plusWeeks(Math.floorMod(run.hashCode(), 2500));
        Instant day = monday.atStartOfDay(ZoneOffset.UTC).toInstant();
        UUID agentB = team.createAgent("csat-b-" + run, "Bert " + run, null, "password-123", Set.of(Role.AGENT))
                .getId();
        UUID otherTeam = team.createTeam("Other " + run, null).getId();
        answered(agent, teamId, Channel.EMAIL, 5, day.plusSeconds(3600));
        answered(agent, teamId, Channel.EMAIL, 4, day.plusSeconds(7200));
        answered(agent, teamId, Channel.X, 2, day.plusSeconds(86400 * 8)); // the next week
        answered(agentB, otherTeam, Channel.EMAIL, 1, day.plusSeconds(86400 * 2));
        answered(agentB, otherTeam, Channel.EMAIL, 5, day.plusSeconds(86400 * 20)); // after the range

        CsatReport r = reports.report(Viewer.SYSTEM, monday, monday.plusDays(13), ZoneOffset.UTC);
        Row a = r.table(CsatReports.BY_AGENT).row(agent.toString());
        assertThat(a.label()).isEqualTo("Cora " + run);
        assertThat(a.answers()).isEqualTo(3);
        assertThat(a.average()).isEqualTo(3.67);
        assertThat(a.satisfiedPercent()).isEqualTo(66.7);
        Row b = r.table(CsatReports.BY_AGENT).row(agentB.toString());
        assertThat(b.answers()).isEqualTo(1);
        assertThat(b.average()).isEqualTo(1.0);
        assertThat(b.satisfiedPercent()).isEqualTo(0.0);
        Row total = r.table(CsatReports.BY_AGENT).row(CsatReports.TOTAL);
        assertThat(total.answers()).isEqualTo(4);
        assertThat(total.average()).isEqualTo(3.0);
        assertThat(total.satisfiedPercent()).isEqualTo(50.0);

        assertThat(r.table(CsatReports.BY_TEAM).row(teamId.toString()).average()).isEqualTo(3.67);
        assertThat(r.table(CsatReports.BY_CHANNEL).row("EMAIL").answers()).isEqualTo(3);
        assertThat(r.table(CsatReports.BY_CHANNEL).row("EMAIL").average()).isEqualTo(3.33);
        assertThat(r.table(CsatReports.BY_CHANNEL).row("X").average()).isEqualTo(2.0);
        CsatReports.Table weeks = r.table(CsatReports.BY_WEEK);
        assertThat(weeks.rows()).extracting(Row::key).containsExactly(CsatReports.TOTAL, monday.toString(),
                monday.plusWeeks(1).toString());
        assertThat(weeks.row(monday.toString()).answers()).isEqualTo(3);
        assertThat(weeks.row(monday.toString()).average()).isEqualTo(3.33);
        assertThat(weeks.row(monday.plusWeeks(1).toString()).average()).isEqualTo(2.0);

        // a lead sees the teams they lead only; a plain agent sees no report
        UUID lead = team.createAgent("csat-lead-" + run, "Lena " + run, null, "password-123", Set.of(Role.LEAD))
                .getId();
        team.addMember(teamId, lead, true);
        CsatReport led = reports.report(Viewers.of(lead), monday, monday.plusDays(13), ZoneOffset.UTC);
        assertThat(led.table(CsatReports.BY_AGENT).row(CsatReports.TOTAL).answers()).isEqualTo(3);
        assertThat(led.table(CsatReports.BY_AGENT).row(agentB.toString())).isNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> reports.report(Viewers.of(agent), monday,
                monday.plusDays(13), ZoneOffset.UTC))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);

        java.io.ByteArrayOutputStream csv = new java.io.ByteArrayOutputStream();
        try {
            reports.exportCsv(Viewer.SYSTEM, r, CsatReports.BY_AGENT, csv);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        assertThat(csv.toString(StandardCharsets.UTF_8)).contains("Cora " + run + ",3,3.67,66.7");
    }

    @Test
    void aLowScoreTriggersARoutingRule() throws Exception {
        ApiClient admin = new ApiClient(port, ParleySpringTest.TOKEN);
        UUID leads = team.createTeam("Leads " + run, null).getId();
        String tag = "csat-" + run;
        ApiClient.Response rule = admin.post("/api/v1/routing/rules", """
                {"name": "Unhappy %s", "trigger": "CSAT_RATED", "match": "ALL",
                 "conditions": [{"field": "CSAT_SCORE", "operator": "AT_MOST", "value": "2"},
                                {"field": "TAG", "operator": "CONTAINS", "value": "%s"}],
                 "actions": [{"type": "ASSIGN_TEAM", "value": "%s"}, {"type": "SET_PRIORITY", "value": "HIGH"}]}
                """.formatted(run, tag, leads));
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
        try {
            assertThat(admin.post("/api/v1/routing/rules", """
                    {"name": "Bad %s", "trigger": "CSAT_RATED",
                     "conditions": [{"field": "CSAT_SCORE", "operator": "AT_MOST", "value": "7"}],
                     "actions": [{"type": "SET_PRIORITY", "value": "HIGH"}]}""".formatted(run)).status())
                    .isEqualTo(400);

            CsatSurveys.Survey happy = sentSurvey();
            conversations.setTags(Viewer.SYSTEM, happy.conversationId(), List.of(tag));
            CsatSurveys.Survey unhappy = sentSurvey();
            conversations.setTags(Viewer.SYSTEM, unhappy.conversationId(), List.of(tag));

            assertThat(post(happy.id(), surveys.signature(happy.id()), "4", null).statusCode()).isEqualTo(200);
            assertThat(post(unhappy.id(), surveys.signature(unhappy.id()), "2", "Nobody answered").statusCode())
                    .isEqualTo(200);

            await().atMost(Duration.ofSeconds(20)).until(() -> conversations.get(Viewer.SYSTEM,
                    unhappy.conversationId()).teamId().equals(leads));
            assertThat(conversations.get(Viewer.SYSTEM, unhappy.conversationId()).priority()).isEqualTo(Priority.HIGH);
            assertThat(conversations.messages(Viewer.SYSTEM, unhappy.conversationId()).stream()
                    .filter(m -> m.text() != null && m.text().startsWith("Rule 'Unhappy " + run + "'"))).hasSize(1);
            // the happy customer's conversation stays where it was
            assertThat(conversations.get(Viewer.SYSTEM, happy.conversationId()).teamId()).isEqualTo(teamId);
        } finally {
            admin.delete("/api/v1/routing/rules/" + rule.text("id"));
        }
    }
}
