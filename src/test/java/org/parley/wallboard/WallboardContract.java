package org.parley.wallboard;

import org.parley.conversation.ConversationAccess.Viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationStatus;
import org.parley.customer.CustomerDirectory;
import org.parley.routing.Assignment;
import org.parley.routing.RoutingEnums.Presence;
import org.parley.security.ApiTokenService;
import org.parley.sla.CalendarSpec;
import org.parley.sla.PolicySpec;
import org.parley.sla.SlaAdministration;
import org.parley.sla.SlaClocks;
import org.parley.support.ApiClient;
import org.parley.support.ApiClient.Response;
import org.parley.support.Inbound;
import org.parley.support.MutableClock;
import org.parley.support.ParleySpringTest;
import org.parley.team.Agent;
import org.parley.team.Role;
import org.parley.team.Team;
import org.parley.team.TeamDirectory;
import org.parley.wallboard.internal.DeskQueries;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;

/**
 * The wallboard's numbers from the grouped queries, the LEAD scoping and {@code GET /api/v1/wallboard}
 * (H2 and MySQL). The database is shared with other test classes: the test looks at its own teams.
 */
abstract class WallboardContract {

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    TeamDirectory team;
    @Autowired
    ConversationService conversations;
    @Autowired
    CustomerDirectory customers;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    Assignment assignment;
    @Autowired
    SlaAdministration sla;
    @Autowired
    SlaClocks clocks;
    @Autowired
    DeskQueries queries;
    @Autowired
    Wallboard wallboard;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    org.parley.base.events.SpineProgress spine;

    String run;
    Team alpha;
    Team beta;
    Agent lead;
    Agent online;
    Agent away;
    Agent neverSet;
    Agent betaAgent;
    Agent plainAgent;
    Instant start;

    @BeforeEach
    void setUp() {
        run = UUID.randomUUID().toString().substring(0, 8);
        start = clock.instant();
        alpha = team.createTeam("Alpha " + run, null);
        beta = team.createTeam("Beta " + run, null);
        lead = agent("lead", Role.LEAD);
        online = agent("on", Role.AGENT);
        away = agent("away", Role.AGENT);
        neverSet = agent("off", Role.AGENT);
        betaAgent = agent("beta", Role.AGENT);
        plainAgent = agent("plain", Role.AGENT);
        team.addMember(alpha.getId(), lead.getId(), true);
        team.addMember(alpha.getId(), online.getId(), false);
        team.addMember(alpha.getId(), away.getId(), false);
        team.addMember(alpha.getId(), neverSet.getId(), false);
        team.addMember(beta.getId(), betaAgent.getId(), false);
        assignment.setPresence(lead.getId(), Presence.OFFLINE);
        assignment.setPresence(online.getId(), Presence.ONLINE);
        assignment.setPresence(away.getId(), Presence.AWAY);
        assignment.setPresence(betaAgent.getId(), Presence.ONLINE);
    }

    Agent agent(String name, Role role) {
        return team.createAgent("wb-" + name + "-" + run, "Wb " + name + " " + run, name + "." + run + "@parley.test",
                "secret-password", EnumSet.of(role));
    }

    UUID conversation(String who, Team of, Instant at) {
        clock.set(at);
        UUID id = Inbound.write(transactions, customers, conversations, who + "." + run + "@example.com",
                "Help " + who, "Please help " + who, "t-" + who + "-" + run, at);
        conversations.moveToTeam(Viewer.SYSTEM, id, of.getId());
        return id;
    }

    Tiles row(WallboardSnapshot board, Team t) {
        return board.teams().stream().filter(r -> t.getId().equals(r.teamId())).findFirst().orElseThrow();
    }

    @Test
    void countsQueueAgentsAndSlaPerTeamAndScopesALeadToTheTeamsTheyLead() {
        var calendar = sla.createCalendar(new CalendarSpec("Always " + run, "UTC", true, List.of(), List.of()));
        UUID policy = sla.createPolicy(new PolicySpec("Board " + run, calendar.id(),
                List.of(new PolicySpec.Target("NORMAL", 60, 60, 600), new PolicySpec.Target("HIGH", 60, 60, 600)), 50, 200))
                .id(); // a breach raises the priority: HIGH keeps the same targets

        UUID oldest = conversation("first", alpha, start);
        UUID younger = conversation("second", alpha, start.plus(Duration.ofMinutes(40)));
        UUID taken = conversation("taken", alpha, start.plus(Duration.ofMinutes(41)));
        conversations.assign(Viewer.SYSTEM, taken, online.getId());
        UUID pending = conversation("pending", alpha, start.plus(Duration.ofMinutes(42)));
        conversations.setStatus(Viewer.SYSTEM, pending, ConversationStatus.PENDING);
        UUID resolved = conversation("resolved", alpha, start.plus(Duration.ofMinutes(43)));
        conversations.setStatus(Viewer.SYSTEM, resolved, ConversationStatus.RESOLVED);
        conversation("other", beta, start.plus(Duration.ofMinutes(44)));
        clocks.applyPolicy(Viewer.SLA, oldest, policy);
        clocks.applyPolicy(Viewer.SLA, younger, policy);

        // the SLA subscriber holds a clock's row while it applies the events above; the sweep skips locked rows
        assertThat(spine.awaitApplied("sla", java.time.Duration.ofSeconds(60))).isTrue();
        clock.set(start.plus(Duration.ofMinutes(45))); // oldest: 45 of 60 min (warning), younger: 5 min
        clocks.sweep(Viewer.SLA, 1000);
        assertThat(spine.awaitApplied("sla", java.time.Duration.ofSeconds(60))).isTrue();
        clock.set(start.plus(Duration.ofMinutes(75))); // oldest: breached; younger: 35 of 60 min (warning)
        clocks.sweep(Viewer.SLA, 1000);

        WallboardSnapshot all = Wallboard.build(queries.read(), wallboard.scopeOf(agent("sup", Role.SUPERVISOR)));
        Tiles a = row(all, alpha);
        assertThat(a.teamName()).isEqualTo("Alpha " + run);
        assertThat(a.depth()).as("open conversations: not the pending or resolved one").isEqualTo(3);
        assertThat(a.unassigned()).isEqualTo(2);
        assertThat(a.oldestWaitingSince()).isEqualTo(start);
        assertThat(a.agentsOnline()).isEqualTo(1);
        assertThat(a.agentsAway()).isEqualTo(1);
        assertThat(a.agentsOffline()).as("the lead set OFFLINE, one agent never set a presence").isEqualTo(2);
        assertThat(a.atRisk()).isEqualTo(1);
        assertThat(a.breached()).isEqualTo(1);
        Tiles b = row(all, beta);
        assertThat(b.depth()).isEqualTo(1);
        assertThat(b.unassigned()).isEqualTo(1);
        assertThat(b.agentsOnline()).isEqualTo(1);
        assertThat(b.atRisk() + b.breached()).isZero();
        assertThat(all.totals().depth()).isGreaterThanOrEqualTo(4);

        WallboardScope leadScope = wallboard.scopeOf(lead);
        assertThat(leadScope.teamIds()).containsExactly(alpha.getId());
        WallboardSnapshot mine = Wallboard.build(queries.read(), leadScope);
        assertThat(mine.teams()).extracting(Tiles::teamId).containsExactly(alpha.getId());
        assertThat(mine.totals()).usingRecursiveComparison().ignoringFields("teamId", "teamName").isEqualTo(a);

        // resolving the breached conversation takes it off the queue and the SLA tiles
        conversations.setStatus(Viewer.SYSTEM, oldest, ConversationStatus.RESOLVED);
        Tiles after = row(Wallboard.build(queries.read(), leadScope), alpha);
        assertThat(after.depth()).isEqualTo(2);
        assertThat(after.unassigned()).isEqualTo(1);
        assertThat(after.oldestWaitingSince()).isEqualTo(start.plus(Duration.ofMinutes(40)));
        assertThat(after.breached()).isZero();
        assertThat(after.atRisk()).isEqualTo(1);

        assertThatThrownBy(() -> wallboard.scopeOf(plainAgent)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void theApiAnswersTheCallersScopeAndRefusesAgents() {
        conversation("api", alpha, start);
        ApiClient asLead = new ApiClient(port, tokens.create("wallboard", lead.getId()).token());
        Response response = asLead.get("/api/v1/wallboard");
        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("teams")).hasSize(1);
        JsonNode alphaRow = body.path("teams").get(0);
        assertThat(alphaRow.path("teamId").asString()).isEqualTo(alpha.getId().toString());
        assertThat(alphaRow.path("teamName").asString()).isEqualTo("Alpha " + run);
        assertThat(alphaRow.path("depth").asLong()).isEqualTo(1);
        assertThat(alphaRow.path("unassigned").asLong()).isEqualTo(1);
        assertThat(alphaRow.path("oldestWaitingSince").asString()).isNotBlank();
        assertThat(alphaRow.path("oldestWaitingSeconds").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(alphaRow.path("agentsOnline").asLong()).isEqualTo(1);
        assertThat(alphaRow.path("agentsAway").asLong()).isEqualTo(1);
        assertThat(alphaRow.path("agentsOffline").asLong()).isEqualTo(2);
        assertThat(alphaRow.has("atRisk")).isTrue();
        assertThat(alphaRow.has("breached")).isTrue();
        assertThat(body.path("totals").path("depth").asLong()).isEqualTo(1);
        assertThat(body.path("computedAt").asString()).isNotBlank();

        Response everything = new ApiClient(port, ParleySpringTest.TOKEN).get("/api/v1/wallboard");
        assertThat(everything.status()).isEqualTo(200);
        assertThat(everything.body()).contains(alpha.getId().toString(), beta.getId().toString());

        Response refused = new ApiClient(port, tokens.create("wallboard", plainAgent.getId()).token())
                .get("/api/v1/wallboard");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(new ApiClient(port, "wrong-token").get("/api/v1/wallboard").status()).isEqualTo(401);
    }
}
