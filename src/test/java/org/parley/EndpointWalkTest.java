package org.parley;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vaadin.flow.router.RouteAliasData;
import com.vaadin.flow.router.RouteData;
import com.vaadin.flow.server.VaadinServletContext;
import com.vaadin.flow.server.auth.AccessAnnotationChecker;
import com.vaadin.flow.server.startup.ApplicationRouteRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.base.Channel;
import org.parley.channel.InboundMessage;
import org.parley.channel.IngestionService;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.ConversationService;
import org.parley.routing.RoutingRules;
import org.parley.routing.RuleSpec;
import org.parley.security.ApiScope;
import org.parley.security.ApiTokenService;
import org.parley.sla.CalendarSpec;
import org.parley.sla.PolicySpec;
import org.parley.sla.SlaAdministration;
import org.parley.sla.SlaClocks;
import org.parley.sla.SlaState;
import org.parley.support.ApiClient;
import org.parley.support.ParleySpringTest;
import org.parley.team.Role;
import org.parley.team.Team;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Walks every {@code /api/**} endpoint (as Spring MVC has mapped them, so a new endpoint without an expected answer
 * fails here) with every kind of caller, and every Vaadin route with every role, and compares the answers with the
 * tables below — the documented access rules in one place.
 * <p>
 * API callers: no token; an AGENT of team A (whose conversation the calls are about); an AGENT of team B (the
 * cross-team agent: team A's conversation is "not found" to them, and no answer to them carries its subject);
 * a LEAD of team A; a SUPERVISOR; an ADMIN; an expired token; a token without the scope the call needs (an
 * ingest-only token, and for the two ingest endpoints a read-only one; a read-only token is also tried on every
 * endpoint that changes something). Each
 * call that is expected to succeed gets fresh data (a new rule to delete, a new escalation to acknowledge …).
 */
@ParleySpringTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointWalkTest {

    enum Caller { ANONYMOUS, AGENT_A, AGENT_B, LEAD, SUPERVISOR, ADMIN, EXPIRED_TOKEN, WRONG_SCOPE }

    /** The answers of the five signed-in roles; anonymous and expired tokens get 401, a wrong scope 403, always. */
    record Expect(int agentA, int agentB, int lead, int supervisor, int admin) {

        int of(Caller caller) {
            return switch (caller) {
                case ANONYMOUS, EXPIRED_TOKEN -> 401;
                case WRONG_SCOPE -> 403;
                case AGENT_A -> agentA;
                case AGENT_B -> agentB;
                case LEAD -> lead;
                case SUPERVISOR -> supervisor;
                case ADMIN -> admin;
            };
        }
    }

    /** Everyone who signs in may. */
    private static Expect all(int status) {
        return new Expect(status, status, status, status, status);
    }

    /** Only leads and admins (rules, SLA settings, other agents' presence). */
    private static Expect leadsAndAdmins(int status) {
        return new Expect(403, 403, status, 403, status);
    }

    /** About team A's conversation: its agent, its lead, supervisors and admins; the cross-team agent gets 404. */
    private static Expect teamA(int status) {
        return new Expect(status, 404, status, status, status);
    }

    static final Map<String, Expect> EXPECTED = new TreeMap<>(Map.ofEntries(
            // conversations and the customer timeline: team visibility
            entry("GET /api/v1/conversations/{id}", teamA(200)),
            entry("PATCH /api/v1/conversations/{id}", teamA(200)),
            entry("POST /api/v1/conversations/{id}/notes", teamA(201)),
            entry("POST /api/v1/conversations/{id}/snooze", teamA(200)),
            entry("DELETE /api/v1/conversations/{id}/snooze", teamA(200)),
            // merging two conversations of one customer, and undoing it: whoever sees both
            entry("POST /api/v1/conversations/{id}/merge", teamA(200)),
            entry("POST /api/v1/conversations/{id}/unmerge", teamA(200)),
            entry("GET /api/v1/conversations", all(200)),
            entry("GET /api/v1/attachments/{id}", teamA(200)),
            entry("GET /api/v1/agents", all(200)),
            entry("GET /api/v1/teams", all(200)),
            entry("GET /api/v1/canned-responses", all(200)),
            entry("GET /api/v1/canned-responses/{id}/render", teamA(200)),
            // API tokens: admins only
            entry("POST /api/v1/tokens", new Expect(403, 403, 403, 403, 201)),
            entry("GET /api/v1/tokens", new Expect(403, 403, 403, 403, 200)),
            entry("DELETE /api/v1/tokens/{id}", new Expect(403, 403, 403, 403, 204)),
            // conversation search: everyone signed in finds what they may see; the rebuild is for admins
            entry("GET /api/v1/search", all(200)),
            entry("POST /api/v1/search/rebuild", new Expect(403, 403, 403, 403, 202)),
            entry("GET /api/v1/search/rebuild", new Expect(403, 403, 403, 403, 200)),
            // outbound webhooks: admins only
            entry("POST /api/v1/webhooks", new Expect(403, 403, 403, 403, 201)),
            entry("GET /api/v1/webhooks", new Expect(403, 403, 403, 403, 200)),
            entry("DELETE /api/v1/webhooks/{id}", new Expect(403, 403, 403, 403, 204)),
            entry("GET /api/v1/webhooks/{id}/deliveries", new Expect(403, 403, 403, 403, 200)),
            entry("POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver", new Expect(403, 403, 403, 403, 202)),
            entry("POST /api/v1/conversations/{id}/replies", teamA(201)),
            entry("PUT /api/v1/conversations/{id}/sla", teamA(200)),
            entry("POST /api/v1/sla/escalations/{id}/acknowledge", teamA(204)),
            // the timeline answers everyone, with only the conversations they may see (checked below for team B)
            entry("GET /api/v1/customers/{customerId}/timeline", all(200)),
            // ingest: any token with the ingest or write scope, whatever the role
            entry("POST /api/v1/inbound", all(201)),
            entry("POST /api/v1/channels/phone/events", all(201)),
            // customer records (profiles, not conversations) are shared by every agent
            entry("POST /api/v1/customers", all(201)),
            entry("GET /api/v1/customers/{id}", all(200)),
            entry("GET /api/v1/customers", all(200)),
            entry("PUT /api/v1/customers/{id}/attributes", all(200)),
            entry("PUT /api/v1/customers/attributes", all(200)),
            // privacy: admins only
            entry("GET /api/v1/customers/{id}/export", new Expect(403, 403, 403, 403, 200)),
            entry("POST /api/v1/customers/{id}/erase", new Expect(403, 403, 403, 403, 200)),
            // routing rules: everyone reads, leads and admins change (and dry-run)
            entry("GET /api/v1/routing/rules", all(200)),
            entry("GET /api/v1/routing/rules/{id}", all(200)),
            entry("POST /api/v1/routing/rules", leadsAndAdmins(201)),
            entry("PUT /api/v1/routing/rules/{id}", leadsAndAdmins(200)),
            entry("DELETE /api/v1/routing/rules/{id}", leadsAndAdmins(204)),
            entry("PUT /api/v1/routing/rules/order", leadsAndAdmins(200)),
            entry("POST /api/v1/routing/rules/dry-run", leadsAndAdmins(200)),
            // presence (of agent A): everyone reads; agent A sets their own, leads and admins anyone's
            entry("GET /api/v1/routing/agents/{agentId}/presence", all(200)),
            entry("PUT /api/v1/routing/agents/{agentId}/presence", new Expect(200, 403, 200, 403, 200)),
            // the wallboard: leads, supervisors, admins
            entry("GET /api/v1/wallboard", new Expect(403, 403, 200, 200, 200)),
            // SLA calendars and policies: everyone reads, leads and admins change
            entry("GET /api/v1/sla/calendars", all(200)),
            entry("GET /api/v1/sla/calendars/{id}", all(200)),
            entry("POST /api/v1/sla/calendars", leadsAndAdmins(201)),
            entry("PUT /api/v1/sla/calendars/{id}", leadsAndAdmins(200)),
            entry("DELETE /api/v1/sla/calendars/{id}", leadsAndAdmins(204)),
            entry("GET /api/v1/sla/policies", all(200)),
            entry("GET /api/v1/sla/policies/{id}", all(200)),
            entry("POST /api/v1/sla/policies", leadsAndAdmins(201)),
            entry("PUT /api/v1/sla/policies/{id}", leadsAndAdmins(200)),
            entry("DELETE /api/v1/sla/policies/{id}", leadsAndAdmins(204))));

    /** What an ingest-only token may call. */
    static final Set<String> INGEST = Set.of("POST /api/v1/inbound", "POST /api/v1/channels/phone/events");

    /**
     * Who may open each route: "anonymous" (everyone, signed in or not), "signed-in", or the roles; "signed-link":
     * signed in, or without a session through a valid signed, expiring link (the view lets anonymous callers in and
     * checks the link itself; over HTTP a browser without either goes to /login, a bad link gets 403).
     */
    static final Map<String, Set<String>> ROUTES = new TreeMap<>(Map.ofEntries(
            entry("login", Set.of("anonymous")),
            entry("", Set.of("signed-in")),
            entry("inbox/:conversationId?", Set.of("signed-in")),
            entry("customers", Set.of("signed-in")),
            entry("customers/:customerId/timeline", Set.of("signed-in")),
            entry("embed/customers/:customerId?", Set.of("signed-in", "signed-link")),
            entry("presence", Set.of("signed-in")),
            entry("replies", Set.of("signed-in")),
            entry("teams", Set.of("LEAD")),
            entry("reports", Set.of("LEAD", "SUPERVISOR", "ADMIN")),
            entry("wallboard", Set.of("LEAD", "SUPERVISOR", "ADMIN")),
            entry("escalations", Set.of("LEAD", "SUPERVISOR", "ADMIN")),
            entry("admin/sla", Set.of("LEAD", "SUPERVISOR", "ADMIN")),
            entry("admin/routing", Set.of("LEAD", "ADMIN")),
            entry("admin/channels", Set.of("ADMIN")),
            entry("admin/channels/social", Set.of("ADMIN")),
            entry("admin/team", Set.of("ADMIN")),
            entry("admin/audit", Set.of("ADMIN")),
            entry("admin/search", Set.of("ADMIN")),
            entry("admin/webhooks", Set.of("ADMIN")),
            entry("admin/sidebar-apps", Set.of("ADMIN")),
            entry("admin/privacy", Set.of("ADMIN")),
            entry("admin/tokens", Set.of("ADMIN"))));

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    WebApplicationContext web;
    @Autowired
    TeamDirectory team;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    ConversationService conversations;
    @Autowired
    org.parley.conversation.ConversationMerges merges;
    @Autowired
    IngestionService ingestion;
    @Autowired
    SlaAdministration slaAdmin;
    @Autowired
    SlaClocks clocks;
    @Autowired
    RoutingRules rules;
    @Autowired
    org.parley.conversation.MessageAttachments attachments;
    @Autowired
    org.parley.reply.CannedResponseService canned;
    @Autowired
    org.parley.customer.CustomerDirectory customers;

    private final AtomicInteger counter = new AtomicInteger();
    private String run;
    private final Map<Caller, ApiClient> clients = new EnumMap<>(Caller.class);
    private ApiClient readOnly;
    private Team teamA;
    private UUID agentA;
    private UUID conversationA;
    private UUID customerA;
    private String secret;
    private UUID ruleId;
    private UUID calendarId;
    private UUID calmPolicy;
    private UUID latePolicy;
    private UUID sharedEscalation;
    private ApiClient bootstrap;
    private UUID attachmentA;
    private String customerEmailA;
    private UUID cannedId;
    private org.parley.webhook.WebhookFixtures.Fixture webhook;

    @BeforeAll
    void desk() {
        run = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()), 36);
        bootstrap = new ApiClient(port, ParleySpringTest.TOKEN);
        teamA = team.createTeam("Walk A " + run, null);
        Team teamB = team.createTeam("Walk B " + run, null);
        agentA = agent("walk-a", Role.AGENT, teamA, false);
        UUID agentB = agent("walk-b", Role.AGENT, teamB, false);
        UUID lead = agent("walk-lead", Role.LEAD, teamA, true);
        UUID supervisor = agent("walk-sup", Role.SUPERVISOR, null, false);
        UUID admin = agent("walk-admin", Role.ADMIN, null, false);
        clients.put(Caller.ANONYMOUS, new ApiClient(port, null));
        clients.put(Caller.AGENT_A, client(agentA));
        clients.put(Caller.AGENT_B, client(agentB));
        clients.put(Caller.LEAD, client(lead));
        clients.put(Caller.SUPERVISOR, client(supervisor));
        clients.put(Caller.ADMIN, client(admin));
        clients.put(Caller.WRONG_SCOPE, new ApiClient(port,
                tokens.create("walk ingest-only " + run, admin, EnumSet.of(ApiScope.INGEST), null).token()));
        readOnly = new ApiClient(port, tokens.create("walk read-only " + run, admin, EnumSet.of(ApiScope.READ), null)
                .token());
        ApiClient expired = new ApiClient(port, tokens.create("walk expired " + run, admin, EnumSet.allOf(ApiScope.class),
                Instant.now().plusSeconds(1)).token());
        clients.put(Caller.EXPIRED_TOKEN, expired);

        secret = "Walk secret " + run;
        conversationA = teamAConversation(secret, Instant.now());
        customerA = conversations.get(Viewer.SYSTEM, conversationA).customerId();
        customerEmailA = customers.get(customerA).identities().getFirst().value();
        attachmentA = attachments.store(conversations.messages(Viewer.SYSTEM, conversationA).getFirst().id(),
                List.of(new org.parley.conversation.MessageAttachments.NewAttachment("invoice.pdf", "application/pdf",
                        null, false, "%PDF-1.4 walk".getBytes(java.nio.charset.StandardCharsets.US_ASCII))))
                .getFirst().id();
        cannedId = canned.create(admin, new org.parley.reply.CannedResponseInput("Walk hello " + run, "walk" + run
                .substring(0, 4), "Hello {{customer.first_name}}", null, null, List.of(),
                org.parley.reply.ResponseScope.GLOBAL, null, null, null)).id();
        ruleId = rules.create(rule("Walk rule " + run)).id();
        calendarId = slaAdmin.createCalendar(calendar("Walk calendar " + run)).id();
        calmPolicy = slaAdmin.createPolicy(policy("Walk calm " + run, calendarId, 6000)).id();
        latePolicy = slaAdmin.createPolicy(policy("Walk late " + run, calendarId, 100)).id();
        sharedEscalation = escalation();
        webhook = org.parley.webhook.WebhookFixtures.subscriptionWithDelivery(web, "walk " + run);
        // the expired token worked a moment ago; wait until its expiry has passed
        await().atMost(Duration.ofSeconds(15)).until(() -> expired.get("/api/v1/sla/calendars").status() == 401);
    }

    private UUID agent(String name, Role role, Team of, boolean lead) {
        UUID id = team.createAgent(name + "-" + run, name + " " + run, null, "walk-password-1", EnumSet.of(role)).getId();
        if (of != null) {
            team.addMember(of.getId(), id, lead);
        }
        return id;
    }

    private ApiClient client(UUID agentId) {
        return new ApiClient(port, tokens.create("walk " + agentId, agentId).token());
    }

    /**
     * A conversation of team A only. It does not wait for the routing subscriber (in a JVM that ran other Spring
     * contexts on the same database first, the spine's subscribers can lag far behind): no enabled rule matches
     * these subjects, so routing leaves the team alone.
     */
    private UUID teamAConversation(String subject, Instant receivedAt) {
        String n = run + "-" + counter.incrementAndGet();
        UUID id = ingestion.ingest(new InboundMessage(Channel.EMAIL, "walk-" + n, new InboundMessage.Sender(
                Channel.EMAIL, "walk-" + n + "@example.com", "Wanda " + n), subject, "Where is my order?", null, null,
                List.of(), null, receivedAt)).conversationId();
        conversations.moveToTeam(Viewer.SYSTEM, id, teamA.getId());
        return id;
    }

    /** Two conversations of one new customer, both of team A (different subjects by email: two conversations). */
    private UUID[] teamAPair() {
        String n = unique();
        UUID[] pair = new UUID[2];
        for (int i = 0; i < 2; i++) {
            pair[i] = ingestion.ingest(new InboundMessage(Channel.EMAIL, "walk-pair-" + n + "-" + i,
                    new InboundMessage.Sender(Channel.EMAIL, "walk-pair-" + n + "@example.com", "Paula " + n),
                    "Walk pair " + n + " topic " + i, "Hello", null, null, List.of(), null,
                    Instant.now().minusSeconds(60 - i))).conversationId();
            conversations.moveToTeam(Viewer.SYSTEM, pair[i], teamA.getId());
        }
        assertThat(pair[1]).isNotEqualTo(pair[0]);
        return pair;
    }

    /** A fresh, unacknowledged escalation of a team A conversation (its first response is 2 h late). */
    private UUID escalation() {
        UUID id = teamAConversation("Walk late " + run, Instant.now().minus(Duration.ofHours(2)));
        clocks.applyPolicy(Viewer.SLA, id, latePolicy);
        // the sweep skips a clock the SLA subscriber holds at that moment: sweep again until it has escalated
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            clocks.sweep(Viewer.SLA, 1000);
            return !clocks.state(Viewer.SLA, id).map(SlaState::escalations).orElse(List.of()).isEmpty();
        });
        return clocks.state(Viewer.SLA, id).orElseThrow().escalations().getFirst().id();
    }

    private static RuleSpec rule(String name) {
        return new RuleSpec(name, false, "CONVERSATION_CREATED", "ALL", false,
                List.of(new RuleSpec.Condition("SUBJECT", "CONTAINS", "never-walk")),
                List.of(new RuleSpec.Action("ADD_TAG", "walk")));
    }

    private static String ruleJson(String name) {
        return """
                {"name": "%s", "enabled": false, "trigger": "CONVERSATION_CREATED", "match": "ALL", "stopAfter": false,
                 "conditions": [{"field": "SUBJECT", "operator": "CONTAINS", "value": "never-walk"}],
                 "actions": [{"type": "ADD_TAG", "value": "walk"}]}""".formatted(name);
    }

    private static CalendarSpec calendar(String name) {
        return new CalendarSpec(name, "UTC", true, List.of(), List.of());
    }

    private static String calendarJson(String name) {
        return """
                {"name": "%s", "timeZone": "UTC", "alwaysOpen": true, "weeklyHours": [], "holidays": []}"""
                .formatted(name);
    }

    private static PolicySpec policy(String name, UUID calendar, int minutes) {
        return new PolicySpec(name, calendar, List.of(new PolicySpec.Target("NORMAL", minutes, null, null),
                new PolicySpec.Target("HIGH", minutes, null, null)), 75, 150);
    }

    private static String policyJson(String name, UUID calendar) {
        return """
                {"name": "%s", "calendarId": "%s", "warnAtPercent": 75, "secondLevelPercent": 150,
                 "targets": [{"priority": "NORMAL", "firstResponseMinutes": 6000}]}""".formatted(name, calendar);
    }

    private String unique() {
        return run + "-" + counter.incrementAndGet();
    }

    /** A customer nobody else uses (for erasure). */
    private UUID throwawayCustomer() {
        ApiClient.Response created = bootstrap.post("/api/v1/customers", """
                {"name": "Throwaway %1$s", "identities": [{"type": "EMAIL", "value": "throwaway-%1$s@example.com"}]}"""
                .formatted(unique()));
        assertThat(created.status()).isEqualTo(201);
        return UUID.fromString(created.text("id"));
    }

    record Call(String method, String path, String body) {
    }

    /**
     * How to call each endpoint; {@code fresh} says the caller is expected to succeed, so that a call which uses
     * something up (a deletion, an acknowledgement) gets its own.
     */
    private Map<String, Function<Boolean, Call>> calls() {
        Map<String, Function<Boolean, Call>> calls = new LinkedHashMap<>();
        calls.put("GET /api/v1/conversations/{id}", f -> new Call("GET", "/api/v1/conversations/" + conversationA, null));
        calls.put("PATCH /api/v1/conversations/{id}", f -> new Call("PATCH", "/api/v1/conversations/" + conversationA,
                "{\"version\": " + conversations.get(Viewer.SYSTEM, conversationA).version() + ", \"tags\": [\"walk-"
                        + counter.incrementAndGet() + "\"]}"));
        calls.put("POST /api/v1/conversations/{id}/notes", f -> new Call("POST",
                "/api/v1/conversations/" + conversationA + "/notes", "{\"text\": \"Walk note " + unique() + "\"}"));
        calls.put("POST /api/v1/conversations/{id}/snooze", f -> new Call("POST",
                "/api/v1/conversations/" + conversationA + "/snooze", "{\"until\": null, \"untilReply\": true}"));
        calls.put("DELETE /api/v1/conversations/{id}/snooze", f -> new Call("DELETE",
                "/api/v1/conversations/" + conversationA + "/snooze", null));
        calls.put("POST /api/v1/conversations/{id}/merge", f -> {
            UUID[] pair = teamAPair();
            return new Call("POST", "/api/v1/conversations/" + pair[1] + "/merge", "{\"from\": \"" + pair[0] + "\"}");
        });
        calls.put("POST /api/v1/conversations/{id}/unmerge", f -> {
            UUID[] pair = teamAPair();
            merges.merge(Viewer.SYSTEM, pair[0], pair[1], null, null);
            return new Call("POST", "/api/v1/conversations/" + pair[1] + "/unmerge", null);
        });
        calls.put("GET /api/v1/conversations", f -> new Call("GET", "/api/v1/conversations?queue=open&limit=5", null));
        calls.put("GET /api/v1/attachments/{id}", f -> new Call("GET", "/api/v1/attachments/" + attachmentA, null));
        calls.put("GET /api/v1/agents", f -> new Call("GET", "/api/v1/agents", null));
        calls.put("GET /api/v1/teams", f -> new Call("GET", "/api/v1/teams", null));
        calls.put("GET /api/v1/canned-responses", f -> new Call("GET", "/api/v1/canned-responses?q=walk", null));
        calls.put("GET /api/v1/canned-responses/{id}/render", f -> new Call("GET", "/api/v1/canned-responses/"
                + cannedId + "/render?conversationId=" + conversationA, null));
        calls.put("POST /api/v1/tokens", f -> new Call("POST", "/api/v1/tokens",
                "{\"name\": \"walk made " + unique() + "\", \"agentId\": \"" + agentA + "\", \"scopes\": [\"read\"]}"));
        calls.put("GET /api/v1/tokens", f -> new Call("GET", "/api/v1/tokens", null));
        calls.put("DELETE /api/v1/tokens/{id}", f -> new Call("DELETE", "/api/v1/tokens/"
                + tokens.create("walk gone " + unique(), agentA).id(), null));
        calls.put("POST /api/v1/webhooks", f -> new Call("POST", "/api/v1/webhooks", "{\"url\": \"https://walk.invalid/walk-"
                + unique() + "\", \"events\": [\"customer.merged\"], \"description\": \"walk\"}"));
        calls.put("GET /api/v1/webhooks", f -> new Call("GET", "/api/v1/webhooks", null));
        calls.put("GET /api/v1/search", f -> new Call("GET", "/api/v1/search?q=walk+status:open", null));
        calls.put("POST /api/v1/search/rebuild", f -> new Call("POST", "/api/v1/search/rebuild", null));
        calls.put("GET /api/v1/search/rebuild", f -> new Call("GET", "/api/v1/search/rebuild", null));
        calls.put("DELETE /api/v1/webhooks/{id}", f -> new Call("DELETE", "/api/v1/webhooks/"
                + org.parley.webhook.WebhookFixtures.subscriptionWithDelivery(web, "walk gone " + unique())
                        .subscriptionId(), null));
        calls.put("GET /api/v1/webhooks/{id}/deliveries", f -> new Call("GET", "/api/v1/webhooks/"
                + webhook.subscriptionId() + "/deliveries", null));
        calls.put("POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver", f -> new Call("POST",
                "/api/v1/webhooks/" + webhook.subscriptionId() + "/deliveries/" + webhook.deliveryId() + "/redeliver",
                null));
        calls.put("POST /api/v1/conversations/{id}/replies", f -> new Call("POST",
                "/api/v1/conversations/" + conversationA + "/replies", "{\"text\": \"Walk reply " + unique() + "\"}"));
        calls.put("PUT /api/v1/conversations/{id}/sla", f -> new Call("PUT", "/api/v1/conversations/" + conversationA
                + "/sla", "{\"policyId\": \"" + calmPolicy + "\"}"));
        calls.put("POST /api/v1/sla/escalations/{id}/acknowledge", f -> new Call("POST",
                "/api/v1/sla/escalations/" + (f ? escalation() : sharedEscalation) + "/acknowledge", null));
        calls.put("GET /api/v1/customers/{customerId}/timeline", f -> new Call("GET",
                "/api/v1/customers/" + customerA + "/timeline", null));
        calls.put("POST /api/v1/inbound", f -> {
            String n = unique();
            return new Call("POST", "/api/v1/inbound", """
                    {"channel": "API", "externalId": "walk-in-%1$s", "from": {"type": "EMAIL",
                     "value": "walk-in-%1$s@example.com", "name": "Ingo %1$s"}, "subject": "Walk in %1$s", "text": "Hi"}"""
                    .formatted(n));
        });
        calls.put("POST /api/v1/channels/phone/events", f -> new Call("POST", "/api/v1/channels/phone/events", """
                {"callId": "walk-call-%s", "direction": "INBOUND", "from": "+4930%07d", "to": "+49309999999",
                 "status": "MISSED", "startedAt": "%s"}""".formatted(unique(), counter.incrementAndGet() % 10_000_000,
                Instant.now())));
        calls.put("POST /api/v1/customers", f -> new Call("POST", "/api/v1/customers", """
                {"name": "Walk customer %1$s", "identities": [{"type": "EMAIL", "value": "walk-c-%1$s@example.com"}]}"""
                .formatted(unique())));
        calls.put("GET /api/v1/customers/{id}", f -> new Call("GET", "/api/v1/customers/" + customerA, null));
        calls.put("GET /api/v1/customers", f -> new Call("GET", "/api/v1/customers?q=Wanda", null));
        calls.put("PUT /api/v1/customers/{id}/attributes", f -> new Call("PUT", "/api/v1/customers/" + customerA
                + "/attributes", "{\"walk\": \"" + unique() + "\"}"));
        calls.put("PUT /api/v1/customers/attributes", f -> new Call("PUT", "/api/v1/customers/attributes?identity="
                + ApiClient.encode("EMAIL:" + customerEmailA), "{\"walk\": \"" + unique() + "\"}"));
        calls.put("GET /api/v1/customers/{id}/export", f -> new Call("GET",
                "/api/v1/customers/" + customerA + "/export", null));
        calls.put("POST /api/v1/customers/{id}/erase", f -> new Call("POST",
                "/api/v1/customers/" + throwawayCustomer() + "/erase", "{\"reason\": \"endpoint walk\"}"));
        calls.put("GET /api/v1/routing/rules", f -> new Call("GET", "/api/v1/routing/rules", null));
        calls.put("GET /api/v1/routing/rules/{id}", f -> new Call("GET", "/api/v1/routing/rules/" + ruleId, null));
        calls.put("POST /api/v1/routing/rules", f -> new Call("POST", "/api/v1/routing/rules",
                ruleJson("Walk new " + unique())));
        calls.put("PUT /api/v1/routing/rules/{id}", f -> new Call("PUT", "/api/v1/routing/rules/" + ruleId,
                ruleJson("Walk rule " + run)));
        calls.put("DELETE /api/v1/routing/rules/{id}", f -> new Call("DELETE",
                "/api/v1/routing/rules/" + rules.create(rule("Walk gone " + unique())).id(), null));
        calls.put("PUT /api/v1/routing/rules/order", f -> new Call("PUT", "/api/v1/routing/rules/order",
                "{\"ruleIds\": [" + String.join(", ", rules.list().stream().map(r -> "\"" + r.id() + "\"").toList())
                        + "]}"));
        calls.put("POST /api/v1/routing/rules/dry-run", f -> new Call("POST", "/api/v1/routing/rules/dry-run",
                ruleJson("Walk dry " + unique())));
        calls.put("GET /api/v1/routing/agents/{agentId}/presence", f -> new Call("GET",
                "/api/v1/routing/agents/" + agentA + "/presence", null));
        calls.put("PUT /api/v1/routing/agents/{agentId}/presence", f -> new Call("PUT",
                "/api/v1/routing/agents/" + agentA + "/presence", "{\"presence\": \"OFFLINE\"}"));
        calls.put("GET /api/v1/wallboard", f -> new Call("GET", "/api/v1/wallboard", null));
        calls.put("GET /api/v1/sla/calendars", f -> new Call("GET", "/api/v1/sla/calendars", null));
        calls.put("GET /api/v1/sla/calendars/{id}", f -> new Call("GET", "/api/v1/sla/calendars/" + calendarId, null));
        calls.put("POST /api/v1/sla/calendars", f -> new Call("POST", "/api/v1/sla/calendars",
                calendarJson("Walk cal " + unique())));
        calls.put("PUT /api/v1/sla/calendars/{id}", f -> new Call("PUT", "/api/v1/sla/calendars/" + calendarId,
                calendarJson("Walk calendar " + run)));
        calls.put("DELETE /api/v1/sla/calendars/{id}", f -> new Call("DELETE",
                "/api/v1/sla/calendars/" + slaAdmin.createCalendar(calendar("Walk gone " + unique())).id(), null));
        calls.put("GET /api/v1/sla/policies", f -> new Call("GET", "/api/v1/sla/policies", null));
        calls.put("GET /api/v1/sla/policies/{id}", f -> new Call("GET", "/api/v1/sla/policies/" + calmPolicy, null));
        calls.put("POST /api/v1/sla/policies", f -> new Call("POST", "/api/v1/sla/policies",
                policyJson("Walk pol " + unique(), calendarId)));
        calls.put("PUT /api/v1/sla/policies/{id}", f -> new Call("PUT", "/api/v1/sla/policies/" + calmPolicy,
                policyJson("Walk calm " + run, calendarId)));
        calls.put("DELETE /api/v1/sla/policies/{id}", f -> new Call("DELETE", "/api/v1/sla/policies/"
                + slaAdmin.createPolicy(policy("Walk gone " + unique(), calendarId, 6000)).id(), null));
        return calls;
    }

    /** Every /api/** endpoint Spring MVC maps, as "METHOD pattern". */
    private Set<String> mappedEndpoints() {
        Set<String> endpoints = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                var methods = info.getMethodsCondition().getMethods();
                if (methods.isEmpty()) {
                    endpoints.add("ANY " + pattern); // has no expectation: fails below
                }
                methods.forEach(m -> endpoints.add(m.name() + " " + pattern));
            }
        }
        return endpoints;
    }

    @Test
    void everyApiEndpointAnswersEveryCallerAsDocumented() {
        Set<String> mapped = mappedEndpoints();
        Map<String, Function<Boolean, Call>> calls = calls();
        assertThat(mapped).as("every /api endpoint has an expected answer per caller (add it to EXPECTED)")
                .isEqualTo(EXPECTED.keySet());
        assertThat(calls.keySet()).as("every expected endpoint has a call").containsExactlyInAnyOrderElementsOf(mapped);

        List<String> wrong = new ArrayList<>();
        for (String endpoint : mapped) {
            for (Caller caller : Caller.values()) {
                int expected = EXPECTED.get(endpoint).of(caller);
                Call call = calls.get(endpoint).apply(expected / 100 == 2);
                // the wrong scope: ingest-only, except for the two ingest endpoints, which it opens: read-only there
                ApiClient client = caller == Caller.WRONG_SCOPE && INGEST.contains(endpoint) ? readOnly
                        : clients.get(caller);
                ApiClient.Response answer = send(client, call);
                if (answer.status() != expected) {
                    wrong.add(endpoint + " as " + caller + ": expected " + expected + ", got " + answer.status() + " "
                            + abbreviate(answer.body()));
                }
                if (caller == Caller.AGENT_B && answer.body() != null && answer.body().contains(secret)) {
                    wrong.add(endpoint + " as " + caller + ": the answer shows team A's conversation: "
                            + abbreviate(answer.body()));
                }
            }
            // the other wrong scope: a read-only token may not change anything (nor ingest)
            if (!endpoint.startsWith("GET ") && !endpoint.equals("POST /api/v1/routing/rules/dry-run")) {
                ApiClient.Response answer = send(readOnly, calls.get(endpoint).apply(false));
                if (answer.status() != 403) {
                    wrong.add(endpoint + " with a read-only token: expected 403, got " + answer.status());
                }
            }
        }
        assertThat(wrong).as("answers that differ from the table").isEmpty();
    }

    private static ApiClient.Response send(ApiClient client, Call call) {
        return switch (call.method()) {
            case "GET" -> client.get(call.path());
            case "POST" -> client.post(call.path(), call.body() == null ? "" : call.body());
            case "PUT" -> client.put(call.path(), call.body() == null ? "" : call.body());
            case "DELETE" -> client.delete(call.path());
            case "PATCH" -> client.patch(call.path(), call.body() == null ? "" : call.body());
            default -> throw new IllegalArgumentException(call.method());
        };
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }

    /** Every registered Vaadin route and route alias, with its view class. */
    private Map<String, Class<?>> routes() {
        Map<String, Class<?>> routes = new TreeMap<>();
        ApplicationRouteRegistry registry = ApplicationRouteRegistry.getInstance(
                new VaadinServletContext(web.getServletContext()));
        for (RouteData route : registry.getRegisteredRoutes()) {
            routes.put(route.getTemplate(), route.getNavigationTarget());
            for (RouteAliasData alias : route.getRouteAliases()) {
                routes.put(alias.getTemplate(), alias.getNavigationTarget());
            }
        }
        return routes;
    }

    @Test
    void everyRouteLetsInTheDocumentedRolesOnly() {
        Map<String, Class<?>> routes = routes();
        assertThat(routes.keySet()).as("every route has an expected audience (add it to ROUTES)")
                .isEqualTo(ROUTES.keySet());
        AccessAnnotationChecker checker = new AccessAnnotationChecker();
        Principal someone = () -> "walker";
        List<String> wrong = new ArrayList<>();
        for (var route : routes.entrySet()) {
            Set<String> audience = ROUTES.get(route.getKey());
            boolean anonymousMay = checker.hasAccess(route.getValue(), null, role -> false);
            if (anonymousMay != (audience.contains("anonymous") || audience.contains("signed-link"))) {
                wrong.add(route.getKey() + " for anonymous: " + (anonymousMay ? "open" : "closed"));
            }
            for (Role role : Role.values()) {
                boolean may = checker.hasAccess(route.getValue(), someone, r -> r.equals(role.name()));
                boolean expected = audience.contains("anonymous") || audience.contains("signed-in")
                        || audience.contains(role.name());
                if (may != expected) {
                    wrong.add(route.getKey() + " for " + role + ": " + (may ? "open" : "closed"));
                }
            }
        }
        assertThat(wrong).as("routes whose access differs from the table").isEmpty();
    }

    /** Over HTTP, without a session: every route but the login page sends the browser to /login. */
    @Test
    void anonymousBrowsersAreSentToTheLoginPage() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        List<String> wrong = new ArrayList<>();
        for (String template : routes().keySet()) {
            String path = "/" + template.replaceAll(":[A-Za-z]+\\??", UUID.randomUUID().toString());
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (ROUTES.getOrDefault(template, Set.of()).contains("signed-link")) {
                // no secret is configured here: a signed link is refused outright
                long exp = Instant.now().getEpochSecond() + 60;
                HttpResponse<String> signed = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + path + "?exp=" + exp + "&sig=" + "0".repeat(64))).header("Accept", "text/html").GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (signed.statusCode() != 403) {
                    wrong.add(path + " with a signed link while parley.embed.secret is unset: expected 403, got "
                            + signed.statusCode());
                }
            }
            if (ROUTES.getOrDefault(template, Set.of()).contains("anonymous")) {
                if (answer.statusCode() != 200) {
                    wrong.add(path + ": expected 200, got " + answer.statusCode());
                }
            } else {
                String location = answer.headers().firstValue("Location").orElse("");
                if (answer.statusCode() != 302 || !location.endsWith("/login")) {
                    wrong.add(path + ": expected a redirect to /login, got " + answer.statusCode() + " " + location);
                }
            }
        }
        assertThat(wrong).as("routes that do not send anonymous browsers to /login").isEmpty();
    }
}
