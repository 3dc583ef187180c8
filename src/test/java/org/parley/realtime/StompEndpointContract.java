package org.parley.realtime;

import org.parley.conversation.ConversationAccess.Viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.conversation.ConversationService;
import org.parley.security.ApiTokenService;
import org.parley.support.ApiClient;
import org.parley.support.ParleySpringTest;
import org.parley.team.Role;
import org.parley.team.Team;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * STOMP at /ws as a wallboard uses it: a token on the handshake or in CONNECT, events on ingest with
 * their summary, and nothing of conversations the token's agent may not see.
 */
abstract class StompEndpointContract {

    @LocalServerPort
    int port;
    @Autowired
    TeamDirectory team;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    ConversationService conversations;

    String run;
    ApiClient api;

    @BeforeEach
    void setUp() {
        run = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()), 36);
        api = new ApiClient(port, ParleySpringTest.TOKEN);
    }

    private String tokenFor(String name, Team teamOf) {
        UUID agent = team.createAgent(name + "-" + run, name + " Agent", name + "-" + run + "@parley.test",
                "secret-password", EnumSet.of(Role.AGENT)).getId();
        team.addMember(teamOf.getId(), agent, false);
        return tokens.create("wallboard " + name, agent).token();
    }

    private String ingest(String from, String text) {
        ApiClient.Response created = api.post("/api/v1/inbound", """
                {"channel": "EMAIL", "externalId": "%s", "from": {"type": "EMAIL", "value": "%s", "name": "Wanda %s"},
                 "subject": "Wallboard %s", "text": "%s"}""".formatted(UUID.randomUUID(), from, run, run, text));
        assertThat(created.status()).isEqualTo(201);
        return created.text("conversationId");
    }

    @Test
    void aClientReceivesIngestedMessagesWithASummary_butNotThoseOfAnotherTeam() throws Exception {
        Team red = team.createTeam("Red " + run, null);
        Team blue = team.createTeam("Blue " + run, null);
        try (StompTestClient redBoard = new StompTestClient(port, tokenFor("red", red),
                StompTestClient.TokenIn.HANDSHAKE).subscribe("/topic/conversations");
             StompTestClient blueBoard = new StompTestClient(port, tokenFor("blue", blue),
                     StompTestClient.TokenIn.CONNECT_FRAME).subscribe("/topic/conversations")
                     .subscribe("/topic/teams/" + blue.getId() + "/queue")) {

            // a conversation without a team: both see it
            String open = ingest("open-" + run + "@example.com", "Open to all " + run);
            JsonNode event = redBoard.await(e -> e.path("conversationId").asString().equals(open));
            assertThat(event.path("type").asString()).isEqualTo("message.received");
            assertThat(event.path("customerName").asString()).isEqualTo("Wanda " + run);
            assertThat(event.path("channel").asString()).isEqualTo("EMAIL");
            assertThat(event.path("subject").asString()).isEqualTo("Wallboard " + run);
            assertThat(event.path("snippet").asString()).isEqualTo("Open to all " + run);
            assertThat(event.path("status").asString()).isEqualTo("OPEN");
            assertThat(event.path("messageId").asString()).isNotBlank();
            assertThat(event.path("newConversation").asBoolean()).isTrue();
            blueBoard.await(e -> e.path("conversationId").asString().equals(open));

            // blue's conversation: the blue board gets it (also on the team queue), the red board does not
            String secret = ingest("secret-" + run + "@example.com", "First " + run);
            blueBoard.await(e -> e.path("conversationId").asString().equals(secret));
            conversations.moveToTeam(Viewer.SYSTEM, UUID.fromString(secret), blue.getId());
            ingest("secret-" + run + "@example.com", "Blue only " + run);
            JsonNode blueOnly = blueBoard.await(e -> e.path("snippet").asString().equals("Blue only " + run)
                    && e.path("type").asString().equals("message.received")
                    && e.path("_destination").asString().equals("/topic/conversations"));
            assertThat(blueOnly.path("teamId").asString()).isEqualTo(blue.getId().toString());
            assertThat(blueOnly.path("_destination").asString()).isEqualTo("/topic/conversations");
            blueBoard.await(e -> e.path("snippet").asString().equals("Blue only " + run)
                    && e.path("_destination").asString().equals("/topic/teams/" + blue.getId() + "/queue"));

            // a later visible event reaches red: by then red had its chance to (wrongly) get blue's
            String later = ingest("later-" + run + "@example.com", "Later " + run);
            redBoard.await(e -> e.path("conversationId").asString().equals(later));
            assertThat(redBoard.received()).noneMatch(e -> e.path("conversationId").asString().equals(secret)
                    && e.path("teamId").asString().equals(blue.getId().toString()));
            assertThat(redBoard.received()).noneMatch(e -> e.path("snippet").asString().equals("Blue only " + run));
        }
    }

    @Test
    void anOpenTeamsAndMyOwnConversationsReachMe_evenOfAnotherTeam() throws Exception {
        Team red = team.createTeam("Red " + run, null);
        Team blue = team.createTeam("Blue " + run, null);
        String redToken = tokenFor("red", red);
        UUID redAgent = team.findAgentByUsername("red-" + run).orElseThrow().getId();
        String mine = ingest("mine-" + run + "@example.com", "Mine first " + run);
        conversations.moveToTeam(Viewer.SYSTEM, UUID.fromString(mine), blue.getId());
        conversations.assign(Viewer.SYSTEM, UUID.fromString(mine), redAgent);
        String blues = ingest("blues-" + run + "@example.com", "Blues first " + run);
        conversations.moveToTeam(Viewer.SYSTEM, UUID.fromString(blues), blue.getId());

        try (StompTestClient redBoard = new StompTestClient(port, redToken, StompTestClient.TokenIn.HANDSHAKE)
                .subscribe("/topic/conversations")) {
            // blue's conversation does not reach red; the one assigned to red (of the blue team too) does
            ingest("blues-" + run + "@example.com", "Blues hidden " + run);
            ingest("mine-" + run + "@example.com", "Mine again " + run);
            redBoard.await(e -> e.path("snippet").asString().equals("Mine again " + run));
            assertThat(redBoard.received()).noneMatch(e -> e.path("conversationId").asString().equals(blues)
                    || e.path("snippet").asString().equals("Blues hidden " + run));
        }

        team.setOpenToAllAgents(blue.getId(), true);
        try (StompTestClient redBoard = new StompTestClient(port, redToken, StompTestClient.TokenIn.HANDSHAKE)
                .subscribe("/topic/conversations")) {
            // blue is open to all agents now: a new session of red gets blue's conversations
            ingest("blues-" + run + "@example.com", "Blues again " + run);
            JsonNode event = redBoard.await(e -> e.path("snippet").asString().equals("Blues again " + run));
            assertThat(event.path("conversationId").asString()).isEqualTo(blues);
        } finally {
            team.setOpenToAllAgents(blue.getId(), false);
        }
    }

    @Test
    void anotherTeamsQueueCannotBeSubscribed_andNoTokenNoSession() throws Exception {
        Team red = team.createTeam("Red " + run, null);
        Team blue = team.createTeam("Blue " + run, null);
        try (StompTestClient redBoard = new StompTestClient(port, tokenFor("red", red),
                StompTestClient.TokenIn.CONNECT_FRAME)) {
            redBoard.subscribe("/topic/teams/" + blue.getId() + "/queue");
            redBoard.awaitError();
            // the broker answers with an ERROR frame ("not a member of team …") and closes the session;
            // which of the two the client reports first varies
            assertThat(redBoard.errors().toString()).containsAnyOf("not a member of team", "Connection closed");
        }
        assertThatThrownBy(() -> new StompTestClient(port, "prl_wrong", StompTestClient.TokenIn.HANDSHAKE))
                .hasStackTraceContaining("401");
        try (StompTestClient anonymous = new StompTestClient(port, null, StompTestClient.TokenIn.CONNECT_FRAME)) {
            throw new AssertionError("connected without a token: " + anonymous.isConnected());
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // refused: the CONNECT frame is answered with an ERROR frame
        }
    }
}
