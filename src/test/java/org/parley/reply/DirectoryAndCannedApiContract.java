package org.parley.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.ConversationService;
import org.parley.security.ApiTokenService;
import org.parley.support.ApiClient;
import org.parley.support.ApiClient.Response;
import org.parley.support.ParleySpringTest;
import org.parley.team.Agent;
import org.parley.team.Role;
import org.parley.team.Team;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The read APIs an integration needs to act like an agent (H2 and MySQL/MariaDB by the subclasses): agents and
 * teams, the canned responses an agent may use, and one filled in for a conversation the agent may see.
 */
abstract class DirectoryAndCannedApiContract {

    @LocalServerPort
    int port;
    @Autowired
    TeamDirectory team;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    CannedResponseService canned;
    @Autowired
    ConversationService conversations;

    String run;
    Team alpha;
    Team beta;
    Agent alice;
    Agent bob;
    ApiClient aliceApi;
    ApiClient bobApi;

    @BeforeEach
    void desk() {
        run = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()), 36);
        alpha = team.createTeam("Alpha " + run, "First line");
        beta = team.createTeam("Beta " + run, null);
        alice = team.createAgent("alice-" + run, "Alice Adams " + run, "alice-" + run + "@parley.test", "secret-password",
                EnumSet.of(Role.AGENT));
        bob = team.createAgent("bob-" + run, "Bob Brown " + run, null, "secret-password", EnumSet.of(Role.AGENT));
        team.addMember(alpha.getId(), alice.getId(), true);
        team.addMember(beta.getId(), bob.getId(), false);
        aliceApi = new ApiClient(port, tokens.create("alice " + run, alice.getId()).token());
        bobApi = new ApiClient(port, tokens.create("bob " + run, bob.getId()).token());
    }

    @Test
    void agentsAndTeamsAreListedWithMembershipAndRoles() {
        JsonNode agents = aliceApi.get("/api/v1/agents").json();
        JsonNode a = find(agents, "id", alice.getId().toString());
        assertThat(a.path("username").asString()).isEqualTo("alice-" + run);
        assertThat(a.path("displayName").asString()).isEqualTo("Alice Adams " + run);
        assertThat(a.path("active").asBoolean()).isTrue();
        assertThat(a.path("roles").toString()).contains("AGENT");
        assertThat(a.path("teamIds").toString()).contains(alpha.getId().toString());
        assertThat(a.has("passwordHash")).isFalse();
        assertThat(aliceApi.get("/api/v1/agents").body()).doesNotContain("$2a$").doesNotContain("{bcrypt}");

        JsonNode t = find(aliceApi.get("/api/v1/teams").json(), "id", alpha.getId().toString());
        assertThat(t.path("name").asString()).isEqualTo("Alpha " + run);
        assertThat(t.path("description").asString()).isEqualTo("First line");
        assertThat(t.path("memberIds").toString()).contains(alice.getId().toString());
        assertThat(t.path("leadIds").toString()).contains(alice.getId().toString());

        assertThat(new ApiClient(port, null).get("/api/v1/agents").status()).isEqualTo(401);
        assertThat(new ApiClient(port, null).get("/api/v1/teams").status()).isEqualTo(401);
    }

    @Test
    void cannedResponsesAreSearchedAndRenderedForAConversationTheAgentMaySee() {
        CannedResponseView refund = canned.create(alice.getId(), new CannedResponseInput("Refund issued " + run,
                "refund" + run.substring(0, 4), "Hi {{customer.first_name}}, your refund is on its way. {{agent.first_name}}",
                null, "Billing", List.of("refund"), ResponseScope.TEAM, alpha.getId(), null, null));
        canned.create(alice.getId(), new CannedResponseInput("Personal " + run, "mine" + run.substring(0, 4),
                "Only mine", null, null, List.of(), ResponseScope.PERSONAL, null, null, null));

        Response found = aliceApi.get("/api/v1/canned-responses?q=" + ApiClient.encode("Refund issued " + run));
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        assertThat(found.json().get(0).path("id").asString()).isEqualTo(refund.id().toString());
        assertThat(found.json().get(0).path("scope").asString()).isEqualTo("TEAM");
        // bob is not in Alpha: Alpha's responses and Alice's personal ones are not his
        assertThat(bobApi.get("/api/v1/canned-responses").body()).doesNotContain(refund.id().toString())
                .doesNotContain("Personal " + run);

        UUID conversation = conversationIn(alpha, "Maya Ortiz " + run);
        Response rendered = aliceApi.get("/api/v1/canned-responses/" + refund.id() + "/render?conversationId=" + conversation);
        assertThat(rendered.status()).as(rendered.body()).isEqualTo(200);
        assertThat(rendered.text("text")).isEqualTo("Hi Maya, your refund is on its way. Alice");
        assertThat(rendered.json().path("missing").size()).isZero();
        Response noConversation = aliceApi.get("/api/v1/canned-responses/" + refund.id() + "/render");
        assertThat(noConversation.json().path("missing").toString()).contains("customer.first_name");

        // a conversation bob may not see is not found, even through a response he may use
        UUID hidden = conversationIn(alpha, "Hidden " + run);
        CannedResponseView global = canned.create(bob.getId(), new CannedResponseInput("Hello " + run, "hello"
                + run.substring(0, 4), "Hello {{customer.name}}", null, null, List.of(), ResponseScope.PERSONAL,
                null, null, null));
        assertThat(bobApi.get("/api/v1/canned-responses/" + global.id() + "/render?conversationId=" + hidden).status())
                .isEqualTo(404);
        assertThat(bobApi.get("/api/v1/canned-responses/" + refund.id() + "/render").status()).isIn(403, 404);
        assertThat(aliceApi.get("/api/v1/canned-responses?limit=0").status()).isEqualTo(400);
    }

    private UUID conversationIn(Team of, String customerName) {
        Response created = new ApiClient(port, ParleySpringTest.TOKEN).post("/api/v1/inbound", """
                {"channel": "API", "externalId": "%s", "from": {"type": "EMAIL", "value": "%s@example.com",
                 "name": "%s"}, "subject": "Refund", "text": "Where is my refund?"}""".formatted(UUID.randomUUID(),
                UUID.randomUUID(), customerName));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        UUID id = UUID.fromString(created.text("conversationId"));
        conversations.moveToTeam(Viewer.SYSTEM, id, of.getId());
        return id;
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (n.path(field).asString().equals(value)) {
                return n;
            }
        }
        throw new AssertionError(value + " not in " + array);
    }
}
