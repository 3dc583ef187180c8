package org.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.security.ApiScope;
import org.parley.security.ApiTokenService;
import org.parley.support.ApiClient;
import org.parley.support.ApiClient.Response;
import org.parley.support.ParleySpringTest;
import org.parley.support.SpineEvents;
import org.parley.team.Agent;
import org.parley.team.Role;
import org.parley.team.Team;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an agent does to a conversation, over REST (H2 and MySQL/MariaDB by the subclasses): change status,
 * priority, team, assignee and tags with optimistic concurrency, write an internal note, page through a queue
 * — with team visibility, roles and token scopes as in the UI.
 */
abstract class ConversationApiContract {

    @LocalServerPort
    int port;
    @Autowired
    TeamDirectory team;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    ConversationService conversations;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JsonMapper json;

    String run;
    Team alpha;
    Team beta;
    Agent alice;
    Agent bob;
    Agent carol;
    ApiClient aliceApi;
    ApiClient bobApi;
    ApiClient bootstrap;

    @BeforeEach
    void desk() {
        run = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()), 36);
        bootstrap = new ApiClient(port, ParleySpringTest.TOKEN);
        alpha = team.createTeam("Alpha " + run, null);
        beta = team.createTeam("Beta " + run, null);
        alice = agent("alice", alpha);
        carol = agent("carol", alpha);
        bob = agent("bob", beta);
        aliceApi = new ApiClient(port, tokens.create("alice " + run, alice.getId()).token());
        bobApi = new ApiClient(port, tokens.create("bob " + run, bob.getId()).token());
    }

    @Test
    void aPatchChangesEveryFieldAtOnceAsOneChangeAndTellsTheVersionItMade() {
        UUID id = conversationOf(alpha, "Refund please");
        long version = conversations.get(Viewer.SYSTEM, id).version();

        Response changed = aliceApi.patch("/api/v1/conversations/" + id, """
                {"version": %d, "status": "pending", "priority": "HIGH", "assigneeId": "%s",
                 "tags": ["VIP", "refund"]}""".formatted(version, carol.getId()));

        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        JsonNode body = changed.json();
        assertThat(body.path("status").asString()).isEqualTo("PENDING");
        assertThat(body.path("priority").asString()).isEqualTo("HIGH");
        assertThat(body.path("assigneeId").asString()).isEqualTo(carol.getId().toString());
        assertThat(body.path("assigneeName").asString()).isEqualTo(carol.getDisplayName());
        assertThat(body.path("tags").toString()).isEqualTo("[\"refund\",\"vip\"]");
        assertThat(body.path("version").asLong()).isGreaterThan(version);
        ConversationView stored = conversations.get(Viewer.SYSTEM, id);
        assertThat(stored.status()).isEqualTo(ConversationStatus.PENDING);
        assertThat(stored.assigneeId()).isEqualTo(carol.getId());
        // one unit of work, one event with all four changes, made by alice
        List<ConversationChanged> events = SpineEvents.of(jdbc, json, ConversationChanged.class).stream()
                .filter(e -> e.conversationId().equals(id) && alice.getId().equals(e.actorId())).toList();
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().actorId()).isEqualTo(alice.getId());
        assertThat(events.getFirst().changes()).hasSize(4);
        // audited like the UI's changes
        assertThat(jdbc.queryForList("SELECT action FROM audit_entry WHERE subject_id = ?", String.class, id.toString()))
                .contains("conversation.assigned", "conversation.status", "conversation.priority", "conversation.tags");

        // clearing: null means unassigned; If-Match carries the version instead of the body
        Response cleared = aliceApi.patch("/api/v1/conversations/" + id, "{\"assigneeId\": null}",
                "If-Match", "\"" + body.path("version").asLong() + "\"");
        assertThat(cleared.status()).as(cleared.body()).isEqualTo(200);
        assertThat(cleared.json().path("assigneeId").isNull()).isTrue();
    }

    @Test
    void handingAConversationToAnotherTeamAnswersItsFieldsThenItIsOutOfSight() {
        UUID id = conversationOf(alpha, "For billing");
        long version = conversations.get(Viewer.SYSTEM, id).version();

        Response moved = aliceApi.patch("/api/v1/conversations/" + id,
                "{\"version\": %d, \"teamId\": \"%s\"}".formatted(version, beta.getId()));

        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(moved.text("teamId")).isEqualTo(beta.getId().toString());
        assertThat(moved.json().path("messages").size()).as("no messages of a conversation out of sight").isZero();
        assertThat(aliceApi.get("/api/v1/conversations/" + id).status()).isEqualTo(404);
        assertThat(bobApi.get("/api/v1/conversations/" + id).status()).isEqualTo(200);
    }

    @Test
    void aStaleVersionIsA409WithTheCurrentStateAndChangesNothing() {
        UUID id = conversationOf(alpha, "Two agents at once");
        long read = conversations.get(Viewer.SYSTEM, id).version();
        Response first = aliceApi.patch("/api/v1/conversations/" + id,
                "{\"version\": %d, \"priority\": \"URGENT\"}".formatted(read));
        assertThat(first.status()).isEqualTo(200);

        Response second = aliceApi.patch("/api/v1/conversations/" + id,
                "{\"version\": %d, \"priority\": \"LOW\", \"status\": \"RESOLVED\"}".formatted(read));

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.text("error")).contains("changed by someone else");
        assertThat(second.json().path("details").isArray()).isTrue();
        assertThat(second.json().path("current").path("priority").asString()).isEqualTo("URGENT");
        assertThat(second.json().path("current").path("version").asLong()).isEqualTo(first.json().path("version").asLong());
        ConversationView stored = conversations.get(Viewer.SYSTEM, id);
        assertThat(stored.priority()).isEqualTo(Priority.URGENT);
        assertThat(stored.status()).isEqualTo(ConversationStatus.OPEN);
    }

    @Test
    void badPatchesAre400WithAReasonAndHiddenConversationsAre404() {
        UUID id = conversationOf(alpha, "Validation");
        long version = conversations.get(Viewer.SYSTEM, id).version();
        String path = "/api/v1/conversations/" + id;
        assertThat(aliceApi.patch(path, "{\"priority\": \"HIGH\"}").text("error")).contains("version");
        assertThat(aliceApi.patch(path, "{\"version\": %d, \"status\": \"DONE\"}".formatted(version)).status())
                .isEqualTo(400);
        assertThat(aliceApi.patch(path, "{\"version\": %d, \"colour\": \"red\"}".formatted(version)).text("error"))
                .contains("colour");
        assertThat(aliceApi.patch(path, "{\"version\": %d, \"tags\": \"vip\"}".formatted(version)).status())
                .isEqualTo(400);
        assertThat(aliceApi.patch(path, "{\"version\": %d, \"assigneeId\": \"nobody\"}".formatted(version)).status())
                .isEqualTo(400);
        assertThat(aliceApi.patch(path, "{\"version\": %d}".formatted(version)).text("error")).contains("nothing to change");
        assertThat(aliceApi.patch(path, "[1, 2]").status()).isEqualTo(400);
        assertThat(conversations.get(Viewer.SYSTEM, id).version()).as("nothing changed").isEqualTo(version);

        // bob is in another team: the conversation does not exist for him, whatever he sends
        Response hidden = bobApi.patch(path, "{\"version\": %d, \"status\": \"RESOLVED\"}".formatted(version));
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.json().has("current")).isFalse();
        Response hiddenNote = bobApi.post(path + "/notes", "{\"text\": \"peek\"}");
        assertThat(hiddenNote.status()).isEqualTo(404);
        assertThat(conversations.get(Viewer.SYSTEM, id).status()).isEqualTo(ConversationStatus.OPEN);

        // a read-only token may not change anything
        ApiClient readOnly = new ApiClient(port, tokens.create("ro " + run, alice.getId(), EnumSet.of(ApiScope.READ),
                null).token());
        assertThat(readOnly.patch(path, "{\"version\": %d, \"status\": \"RESOLVED\"}".formatted(version)).status())
                .isEqualTo(403);
        assertThat(readOnly.get(path).status()).isEqualTo(200);
    }

    @Test
    void aNoteIsWrittenAsTheTokensAgentAndAMentionRingsTheirColleague() {
        UUID id = conversationOf(alpha, "Needs a second opinion");

        Response note = aliceApi.post("/api/v1/conversations/" + id + "/notes",
                "{\"text\": \"@" + carol.getUsername() + " can you check the invoice?\"}");

        assertThat(note.status()).as(note.body()).isEqualTo(201);
        assertThat(note.text("direction")).isEqualTo("NOTE");
        assertThat(note.text("authorAgentId")).isEqualTo(alice.getId().toString());
        MessageView stored = conversations.messages(Viewer.SYSTEM, id).getLast();
        assertThat(stored.direction()).isEqualTo(Direction.NOTE);
        assertThat(stored.text()).contains("can you check the invoice?");
        assertThat(aliceApi.post("/api/v1/conversations/" + id + "/notes", "{\"text\": \"  \"}").status()).isEqualTo(400);
        assertThat(aliceApi.post("/api/v1/conversations/" + id + "/notes", "{}").status()).isEqualTo(400);
        // the mention notifies carol (the bell), through the event spine
        long deadline = System.currentTimeMillis() + 20_000;
        int rings = 0;
        while (rings == 0 && System.currentTimeMillis() < deadline) {
            rings = jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE agent_id = ? AND conversation_id = ?",
                    Integer.class, bytes(carol.getId()), bytes(id));
        }
        assertThat(rings).isPositive();
    }

    @Test
    void aQueueIsPagedNewestFirstWithACursorAndShowsOnlyWhatTheAgentMaySee() {
        List<UUID> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UUID id = conversationOf(alpha, "Queue " + i);
            conversations.assign(Viewer.SYSTEM, id, alice.getId());
            mine.add(0, id); // the newest first
        }
        UUID hidden = conversationOf(beta, "Beta only");

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = aliceApi.get("/api/v1/conversations?queue=mine&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().path("items").forEach(row -> seen.add(row.path("conversationId").asString()));
            cursor = page.json().path("next").isNull() ? null : page.json().path("next").asString();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(seen).containsExactlyElementsOf(mine.stream().map(UUID::toString).toList());
        assertThat(pages).isEqualTo(3);

        Response teamQueue = aliceApi.get("/api/v1/conversations?queue=team:" + beta.getId());
        assertThat(teamQueue.status()).isEqualTo(200);
        assertThat(teamQueue.body()).doesNotContain(hidden.toString());
        Response open = aliceApi.get("/api/v1/conversations?queue=open&limit=200");
        assertThat(open.body()).doesNotContain(hidden.toString()).contains(mine.getFirst().toString());
        assertThat(bobApi.get("/api/v1/conversations?queue=team:" + beta.getId()).body()).contains(hidden.toString());

        assertThat(aliceApi.get("/api/v1/conversations?queue=everything").status()).isEqualTo(400);
        assertThat(aliceApi.get("/api/v1/conversations?queue=mine&limit=0").status()).isEqualTo(400);
        assertThat(aliceApi.get("/api/v1/conversations?queue=mine&cursor=not-a-cursor").status()).isEqualTo(400);
        assertThat(new ApiClient(port, null).get("/api/v1/conversations").status()).isEqualTo(401);
    }

    private static byte[] bytes(UUID id) {
        return java.nio.ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
                .array();
    }

    private Agent agent(String name, Team of) {
        Agent agent = team.createAgent(name + "-" + run, name + " " + run, null, "secret-password",
                EnumSet.of(Role.AGENT));
        team.addMember(of.getId(), agent.getId(), false);
        return agent;
    }

    private UUID conversationOf(Team of, String subject) {
        Response created = bootstrap.post("/api/v1/inbound", """
                {"channel": "API", "externalId": "%s", "from": {"type": "EMAIL", "value": "c-%s@example.com",
                 "name": "Customer %s"}, "subject": "%s %s", "text": "Hello"}""".formatted(UUID.randomUUID(),
                UUID.randomUUID(), run, subject, run));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        UUID id = UUID.fromString(created.text("conversationId"));
        conversations.moveToTeam(Viewer.SYSTEM, id, of.getId());
        return id;
    }
}
