package org.parley.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.security.ApiScope;
import org.parley.security.ApiTokenService;
import org.parley.support.ApiClient;
import org.parley.support.ApiClient.Response;
import org.parley.support.ParleySpringTest;
import org.parley.team.Role;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Outbound webhooks end to end (H2 and MySQL/MariaDB by the subclasses): a real HTTP server on 127.0.0.1 (so
 * this context allows private addresses) receives signed deliveries of Parley's events, as an integrator's
 * endpoint would.
 */
@TestPropertySource(properties = {
    "parley.webhooks.enabled=true",
    "parley.webhooks.allow-private-addresses=true",
    "parley.webhooks.poll-interval=200ms",
    "parley.webhooks.initial-backoff=300ms"
})
abstract class WebhookApiContract {

    @LocalServerPort
    int port;
    @Autowired
    TeamDirectory team;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    JsonMapper json;

    /** What the endpoint received: headers that matter and the raw body. */
    record Received(String path, Map<String, String> headers, String body) {
    }

    HttpServer server;
    final List<Received> received = new CopyOnWriteArrayList<>();
    /** The answers the endpoint gives, in order; the last one repeats. */
    volatile List<Integer> answers = List.of(200);
    final AtomicInteger calls = new AtomicInteger();
    ApiClient admin;
    String run;

    @BeforeEach
    void endpoint() throws IOException {
        run = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()), 36);
        admin = new ApiClient(port, ParleySpringTest.TOKEN);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.getFirst()));
            received.add(new Received(exchange.getRequestURI().getPath(), headers,
                    new String(raw, StandardCharsets.UTF_8)));
            int n = calls.getAndIncrement();
            List<Integer> plan = answers;
            int status = plan.get(Math.min(n, plan.size() - 1));
            byte[] answer = ("answer " + status).getBytes(StandardCharsets.UTF_8);
            if (status == 204) {
                exchange.sendResponseHeaders(status, -1);
            } else {
                exchange.sendResponseHeaders(status, answer.length);
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        // other test contexts share the database: leave no subscription pointing at a closed port
        for (JsonNode s : admin.get("/api/v1/webhooks").json()) {
            if (s.path("url").asString().contains("127.0.0.1:" + server.getAddress().getPort())) {
                admin.delete("/api/v1/webhooks/" + s.path("id").asString());
            }
        }
        server.stop(0);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    Response subscribe(ApiClient client, String path, String... events) {
        return client.post("/api/v1/webhooks", """
                {"url": "%s", "events": [%s], "description": "test %s"}""".formatted(url(path),
                String.join(", ", java.util.Arrays.stream(events).map(e -> "\"" + e + "\"").toList()), run));
    }

    Response inbound(String externalId) {
        return admin.post("/api/v1/inbound", """
                {"channel": "API", "externalId": "%s", "from": {"type": "EMAIL", "value": "%s@example.com",
                 "name": "Hook Tester"}, "subject": "Webhook %s", "text": "Hello"}""".formatted(externalId,
                externalId, run));
    }

    /** What an integrator does: recompute the HMAC over "<timestamp>.<raw body>" with the secret and compare. */
    static boolean signatureValid(String secret, Received r) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(
                (r.headers().get("X-Parley-Timestamp") + "." + r.body()).getBytes(StandardCharsets.UTF_8)));
        return java.security.MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                r.headers().get("X-Parley-Signature").getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void anInboundMessageReachesTheSubscriberSignedAndA500IsRetriedWithTheSameDeliveryId() throws Exception {
        answers = List.of(500, 200);
        Response created = subscribe(admin, "/hook", "message.received");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String secret = created.text("secret");
        String id = created.text("id");
        Response other = subscribe(admin, "/other", "sla.breached", "customer.merged");
        assertThat(other.status()).as(other.body()).isEqualTo(201);

        Response in = inbound("hook-" + run);
        assertThat(in.status()).as(in.body()).isIn(200, 201, 202);

        await().atMost(Duration.ofSeconds(60)).until(() -> received.stream()
                .filter(r -> r.path().equals("/hook")).count() >= 2);
        List<Received> hook = received.stream().filter(r -> r.path().equals("/hook")).toList();
        Received first = hook.get(0);
        Received second = hook.get(1);

        assertThat(first.headers().get("X-Parley-Event")).isEqualTo("message.received");
        assertThat(first.headers().get("Content-Type")).startsWith("application/json");
        assertThat(second.headers().get("X-Parley-Delivery")).isEqualTo(first.headers().get("X-Parley-Delivery"));
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(first.headers().get("X-Parley-Timestamp")).matches("\\d{10}");
        assertThat(signatureValid(secret, first)).isTrue();
        assertThat(signatureValid(secret, second)).isTrue();
        assertThat(signatureValid("whsec_wrong", second)).isFalse();

        JsonNode body = json.readTree(second.body());
        assertThat(body.path("event").asString()).isEqualTo("message.received");
        assertThat(body.path("deliveryId").asString()).isEqualTo(first.headers().get("X-Parley-Delivery"));
        assertThat(body.path("occurredAt").asString()).isNotBlank();
        assertThat(body.path("data").path("conversationId").asString())
                .isEqualTo(in.json().path("conversationId").asString());
        assertThat(body.path("data").path("messageId").asString()).isNotBlank();
        assertThat(body.path("data").path("channel").asString()).isEqualTo("API");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode log = admin.get("/api/v1/webhooks/" + id + "/deliveries").json();
            assertThat(log.size()).isEqualTo(1);
            assertThat(log.get(0).path("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(log.get(0).path("attempts").asInt()).isEqualTo(2);
            assertThat(log.get(0).path("lastHttpStatus").asInt()).isEqualTo(200);
            assertThat(log.get(0).path("lastAnswer").asString()).isEqualTo("answer 200");
        });
        // the subscription that did not ask for message.received got nothing, and has nothing waiting
        assertThat(received).noneMatch(r -> r.path().equals("/other"));
        assertThat(admin.get("/api/v1/webhooks/" + other.text("id") + "/deliveries").json().size()).isZero();
    }

    @Test
    void a4xxAnswerFailsAtOnceAndARedeliverySendsTheSameDeliveryAgain() throws Exception {
        answers = List.of(400, 204);
        Response created = subscribe(admin, "/strict", "conversation.created", "message.received");
        String id = created.text("id");

        inbound("strict-" + run);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode log = admin.get("/api/v1/webhooks/" + id + "/deliveries").json();
            assertThat(log.size()).isEqualTo(2);
            assertThat(log.findValuesAsString("status")).hasSize(2).allMatch(s -> !s.equals("PENDING"));
        });
        JsonNode log = admin.get("/api/v1/webhooks/" + id + "/deliveries").json();
        // one of the two (whichever was sent first) got the 400 and was not retried
        JsonNode failed = null;
        for (JsonNode d : log) {
            if (d.path("status").asString().equals("FAILED")) {
                failed = d;
            }
        }
        assertThat(failed).isNotNull();
        assertThat(failed.path("attempts").asInt()).isEqualTo(1);
        assertThat(failed.path("lastHttpStatus").asInt()).isEqualTo(400);
        assertThat(received).hasSize(2);
        assertThat(received).extracting(r -> r.headers().get("X-Parley-Event"))
                .containsExactlyInAnyOrder("conversation.created", "message.received");

        String deliveryId = failed.path("deliveryId").asString();
        Response again = admin.post("/api/v1/webhooks/" + id + "/deliveries/" + deliveryId + "/redeliver", "");
        assertThat(again.status()).as(again.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == 3);
        assertThat(received.get(2).headers().get("X-Parley-Delivery")).isEqualTo(deliveryId);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode d : admin.get("/api/v1/webhooks/" + id + "/deliveries").json()) {
                if (d.path("deliveryId").asString().equals(deliveryId)) {
                    return d.path("status").asString().equals("SUCCEEDED") && d.path("attempts").asInt() == 2;
                }
            }
            return false;
        });
    }

    @Test
    void onlyAdminsWithTheAdminScopeManageWebhooksAndTheSecretIsNeverListed() {
        Response created = subscribe(admin, "/quiet", "customer.merged");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String secret = created.text("secret");
        assertThat(secret).startsWith("whsec_").hasSizeGreaterThan(40);

        Response list = admin.get("/api/v1/webhooks");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains(created.text("id")).contains(url("/quiet")).doesNotContain(secret)
                .doesNotContain("whsec_");

        UUID agentId = team.createAgent("hook-agent-" + run, "Hook Agent " + run, null, "hook-password-1",
                EnumSet.of(Role.AGENT)).getId();
        ApiClient agent = new ApiClient(port, tokens.create("hook agent " + run, agentId).token());
        assertThat(subscribe(agent, "/nope", "message.received").status()).isEqualTo(403);
        assertThat(agent.get("/api/v1/webhooks").status()).isEqualTo(403);
        assertThat(agent.delete("/api/v1/webhooks/" + created.text("id")).status()).isEqualTo(403);

        UUID adminId = team.createAgent("hook-admin-" + run, "Hook Admin " + run, null, "hook-password-1",
                EnumSet.of(Role.ADMIN)).getId();
        ApiClient readOnlyAdmin = new ApiClient(port, tokens.create("hook read " + run, adminId,
                EnumSet.of(ApiScope.READ, ApiScope.WRITE), null).token());
        assertThat(readOnlyAdmin.get("/api/v1/webhooks").status()).isEqualTo(403);
        assertThat(subscribe(readOnlyAdmin, "/nope", "message.received").status()).isEqualTo(403);

        assertThat(admin.post("/api/v1/webhooks", """
                {"url": "ftp://example.com/x", "events": ["message.received"]}""").status()).isEqualTo(400);
        assertThat(admin.post("/api/v1/webhooks", """
                {"url": "https://example.com/x", "events": ["message.exploded"]}""").status()).isEqualTo(400);
        assertThat(admin.post("/api/v1/webhooks", """
                {"url": "https://example.com/x", "events": []}""").status()).isEqualTo(400);

        assertThat(admin.delete("/api/v1/webhooks/" + created.text("id")).status()).isEqualTo(204);
        assertThat(admin.get("/api/v1/webhooks").body()).doesNotContain(created.text("id"));
        assertThat(admin.delete("/api/v1/webhooks/" + created.text("id")).status()).isEqualTo(404);
    }

    @Test
    void anAgentsStatusChangeAndAssignmentAreDeliveredAsTwoEvents() throws Exception {
        Response created = subscribe(admin, "/status", "conversation.status_changed", "conversation.assigned");
        String secret = created.text("secret");
        UUID assignee = team.createAgent("hook-assignee-" + run, "Hook Assignee " + run, null, "hook-password-1",
                EnumSet.of(Role.ADMIN)).getId();
        Response in = inbound("status-" + run);
        String conversationId = in.json().path("conversationId").asString();
        long version = admin.get("/api/v1/conversations/" + conversationId).json().path("version").asLong();

        Response patched = admin.patch("/api/v1/conversations/" + conversationId, """
                {"version": %d, "status": "pending", "assigneeId": "%s"}""".formatted(version, assignee));
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).until(() -> received.stream()
                .filter(r -> r.path().equals("/status")).count() >= 2);
        List<Received> hook = received.stream().filter(r -> r.path().equals("/status")).toList();
        assertThat(hook).hasSize(2).allSatisfy(r -> assertThat(signatureValid(secret, r)).isTrue());
        Received status = hook.stream().filter(r -> r.headers().get("X-Parley-Event")
                .equals("conversation.status_changed")).findFirst().orElseThrow();
        JsonNode data = json.readTree(status.body()).path("data");
        assertThat(data.path("conversationId").asString()).isEqualTo(conversationId);
        assertThat(data.path("from").asString()).isEqualTo("OPEN");
        assertThat(data.path("to").asString()).isEqualTo("PENDING");
        Received assigned = hook.stream().filter(r -> r.headers().get("X-Parley-Event")
                .equals("conversation.assigned")).findFirst().orElseThrow();
        JsonNode who = json.readTree(assigned.body()).path("data");
        assertThat(who.path("conversationId").asString()).isEqualTo(conversationId);
        assertThat(who.path("to").asString()).isEqualTo(assignee.toString());
        assertThat(assigned.headers().get("X-Parley-Delivery")).isNotEqualTo(status.headers().get("X-Parley-Delivery"));
    }
}
