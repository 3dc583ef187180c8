package org.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parley.ParleyApplication;
import org.parley.support.ApiClient;
import org.parley.support.MySqlAvailable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Two Parley nodes on different ports share the MariaDB test database and RabbitMQ
 * (127.0.0.1:5672 guest/guest): a message ingested through node A's API reaches a STOMP client of
 * node B. Without a broker the test is skipped, unless {@code -Dparley.test.require-rabbitmq=true}
 * (CI), where it fails.
 */
@Tag("mysql")
@Tag("rabbitmq")
@ExtendWith(MySqlAvailable.class)
class TwoNodesTest {

    private static final String TOKEN = "two-nodes-token-0123456789";

    @Test
    void aMessageIngestedOnNodeAReachesAStompClientOfNodeB() throws Exception {
        requireRabbit();
        try (ConfigurableApplicationContext a = node("a"); ConfigurableApplicationContext b = node("b")) {
            int portA = ((WebServerApplicationContext) a).getWebServer().getPort();
            int portB = ((WebServerApplicationContext) b).getWebServer().getPort();
            assertThat(portA).isNotEqualTo(portB);
            String run = UUID.randomUUID().toString();
            try (StompTestClient onB = new StompTestClient(portB, TOKEN, StompTestClient.TokenIn.HANDSHAKE)
                    .subscribe("/topic/conversations");
                 StompTestClient onA = new StompTestClient(portA, TOKEN, StompTestClient.TokenIn.CONNECT_FRAME)
                         .subscribe("/topic/conversations")) {
                ApiClient.Response created = new ApiClient(portA, TOKEN).post("/api/v1/inbound", """
                        {"channel": "EMAIL", "externalId": "%s", "from": {"type": "EMAIL",
                         "value": "two-%s@example.com", "name": "Nora Node"}, "subject": "Two nodes",
                         "text": "From node A %s"}""".formatted(run, run, run));
                assertThat(created.status()).isEqualTo(201);
                String conversationId = created.text("conversationId");
                JsonNode onNodeB = onB.await(e -> e.path("conversationId").asString().equals(conversationId));
                assertThat(onNodeB.path("type").asString()).isEqualTo("message.received");
                assertThat(onNodeB.path("customerName").asString()).isEqualTo("Nora Node");
                assertThat(onNodeB.path("snippet").asString()).isEqualTo("From node A " + run);
                // node A's own client gets it once: node A drops its own event coming back from the broker
                onA.await(e -> e.path("conversationId").asString().equals(conversationId));
                String later = new ApiClient(portB, TOKEN).post("/api/v1/inbound", """
                        {"channel": "EMAIL", "externalId": "%s-2", "from": {"type": "EMAIL",
                         "value": "three-%s@example.com", "name": "Otto Node"}, "text": "From node B"}"""
                        .formatted(run, run)).text("conversationId");
                onA.await(e -> e.path("conversationId").asString().equals(later));
                assertThat(onA.received()).filteredOn(e -> e.path("conversationId").asString().equals(conversationId))
                        .hasSize(1);
            }
        }
    }

    /** The bell: a note on node A that mentions an agent rings that agent's bell on node B, once. */
    @Test
    void aMentionRaisedOnNodeARingsTheBellOfAnAgentWhoseScreenIsOnNodeB() throws Exception {
        requireRabbit();
        try (ConfigurableApplicationContext a = node("a"); ConfigurableApplicationContext b = node("b")) {
            int portA = ((WebServerApplicationContext) a).getWebServer().getPort();
            String run = UUID.randomUUID().toString().substring(0, 8);
            var team = a.getBean(org.parley.team.TeamDirectory.class);
            // supervisors see every conversation, whatever rules other tests left in the shared database
            var writer = team.createAgent("writer-" + run, "Wren Writer", null, "secret-password",
                    java.util.EnumSet.of(org.parley.team.Role.SUPERVISOR));
            var reader = team.createAgent("reader-" + run, "Rhea Reader", null, "secret-password",
                    java.util.EnumSet.of(org.parley.team.Role.SUPERVISOR));
            // Rhea's screen is on node B: its bell listens there
            java.util.concurrent.BlockingQueue<NotificationView> rang = new java.util.concurrent.LinkedBlockingQueue<>();
            var viewerOnB = b.getBean(org.parley.conversation.ConversationAccess.class).viewerOf(reader.getId());
            try (AutoCloseable bell = b.getBean(NotificationCenter.class).addListener(viewerOnB, rang::add)) {
                String conversationId = new ApiClient(portA, TOKEN).post("/api/v1/inbound", """
                        {"channel": "EMAIL", "externalId": "bell-%s", "from": {"type": "EMAIL",
                         "value": "bell-%s@example.com", "name": "Bea Bell"}, "subject": "Bell", "text": "Hello"}"""
                        .formatted(run, run)).text("conversationId");
                String writerToken = a.getBean(org.parley.security.ApiTokenService.class)
                        .create("writer " + run, writer.getId()).token();
                ApiClient.Response note = new ApiClient(portA, writerToken).post("/api/v1/conversations/" + conversationId
                        + "/notes", "{\"text\": \"@reader-" + run + " please have a look\"}");
                assertThat(note.status()).as(note.body()).isEqualTo(201);

                NotificationView heard = rang.poll(30, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(heard).as("the bell on node B rang").isNotNull();
                assertThat(heard.kind()).isEqualTo(NotificationCenter.MENTION);
                assertThat(heard.conversationId().toString()).isEqualTo(conversationId);
                assertThat(rang.poll(2, java.util.concurrent.TimeUnit.SECONDS)).as("once").isNull();
            }
        }
    }

    /** Collision warnings: an agent who opens a conversation on node A, types and leaves is seen so on node B. */
    @Test
    void whoHasAConversationOpenOnNodeAAndTypesIsSeenOnNodeB() throws Exception {
        requireRabbit();
        try (ConfigurableApplicationContext a = node("a"); ConfigurableApplicationContext b = node("b")) {
            PresenceRegistry onA = a.getBean(PresenceRegistry.class);
            PresenceRegistry onB = b.getBean(PresenceRegistry.class);
            UUID conversation = UUID.randomUUID();
            UUID ana = UUID.randomUUID();
            UUID ben = UUID.randomUUID();
            java.util.concurrent.BlockingQueue<UUID> toldOnB = new java.util.concurrent.LinkedBlockingQueue<>();
            try (AutoCloseable listening = onB.onChange(toldOnB::add)) {
                Object anasScreen = new Object();
                onA.enter(anasScreen, conversation, ana, "Ana on A");
                assertThat(toldOnB.poll(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(conversation);
                assertThat(onB.others(conversation, ben))
                        .containsExactly(new PresenceRegistry.Presence(ana, "Ana on A", false));
                assertThat(onB.others(conversation, ana)).as("one's own screens are no collision").isEmpty();

                onA.typing(anasScreen);
                assertThat(toldOnB.poll(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(conversation);
                assertThat(onB.others(conversation, ben)).singleElement()
                        .satisfies(p -> assertThat(p.typing()).isTrue());

                onA.leave(anasScreen);
                assertThat(toldOnB.poll(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(conversation);
                assertThat(onB.others(conversation, ben)).isEmpty();
            }
        }
    }

    private static ConfigurableApplicationContext node(String name) {
        // command-line arguments: they win over application.yml (builder properties would not)
        return new SpringApplicationBuilder(ParleyApplication.class).run(
                "--server.port=0",
                "--spring.application.name=parley-" + name,
                "--spring.datasource.url=" + MySqlAvailable.databaseUrl(),
                "--spring.datasource.username=" + MySqlAvailable.user(),
                "--spring.datasource.password=" + MySqlAvailable.password(),
                "--parley.demo.enabled=false",
                "--parley.api.bootstrap-token=" + TOKEN,
                "--parley.realtime.rabbitmq.enabled=true",
                "--parley.realtime.rabbitmq.exchange=parley.live.test." + MySqlAvailable.DATABASE,
                "--spring.rabbitmq.host=" + System.getenv().getOrDefault("PARLEY_TEST_RABBITMQ_HOST", "127.0.0.1"),
                "--spring.rabbitmq.port=5672",
                "--spring.rabbitmq.username=guest",
                "--spring.rabbitmq.password=guest",
                "--vaadin.launch-browser=false");
    }

    private static void requireRabbit() {
        String host = System.getenv().getOrDefault("PARLEY_TEST_RABBITMQ_HOST", "127.0.0.1");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, 5672), 2000);
        } catch (IOException e) {
            String reason = "RabbitMQ is not reachable at " + host + ":5672: " + e.getMessage();
            if (Boolean.getBoolean("parley.test.require-rabbitmq")) {
                throw new IllegalStateException(reason + " (required: -Dparley.test.require-rabbitmq=true)", e);
            }
            org.junit.jupiter.api.Assumptions.abort(reason + " — skipping the two-node test");
        }
    }
}
