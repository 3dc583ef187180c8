package org.parley.base.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.parley.support.ApiClient;
import org.parley.support.ParleySpringTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An API client always gets JSON it can read, in one shape ({@code {"error", "details"}}) whatever the status:
 * 400, 401, 403, 404, 405, 409, 413, 415, 429 and 500 — a failure inside Parley is a 500 with a reason, not a login
 * page. (This class has its own context: its rate limit is small enough to reach.)
 */
@ParleySpringTest
@org.springframework.test.context.TestPropertySource(properties = "parley.api.rate-limit.per-minute=40")
class ApiErrorsTest {

    @LocalServerPort
    int port;
    @org.springframework.beans.factory.annotation.Autowired
    org.parley.security.ApiTokenService tokens;
    @org.springframework.beans.factory.annotation.Autowired
    org.parley.team.TeamDirectory team;
    @org.springframework.beans.factory.annotation.Autowired
    org.parley.conversation.ConversationService conversations;

    @TestConfiguration
    static class FailingEndpoint {

        @Bean
        Failing failing() {
            return new Failing();
        }
    }

    @RestController
    static class Failing {

        @GetMapping("/api/v1/test/failure")
        String fail() {
            throw new IllegalStateException("a bug");
        }
    }

    @Test
    void anUnexpectedFailureIsA500WithAJsonReason() {
        ApiClient.Response response = new ApiClient(port, ParleySpringTest.TOKEN).get("/api/v1/test/failure");

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.json().get("error").asString()).startsWith("internal error (reference ");
    }

    @Test
    void everyRefusalHasTheSameShape() throws Exception {
        String run = java.util.UUID.randomUUID().toString().substring(0, 8);
        var agent = team.createAgent("err-" + run, "Err " + run, null, "secret-password",
                java.util.EnumSet.of(org.parley.team.Role.AGENT));
        ApiClient api = new ApiClient(port, tokens.create("errors " + run, agent.getId()).token());
        ApiClient admin = new ApiClient(port, ParleySpringTest.TOKEN);

        shape(api.post("/api/v1/inbound", "{\"channel\": \"API\"}"), 400);
        shape(new ApiClient(port, null).get("/api/v1/teams"), 401);
        shape(new ApiClient(port, "prl_not-a-token").get("/api/v1/teams"), 401);
        shape(api.post("/api/v1/routing/rules", "{}"), 403);
        shape(api.get("/api/v1/conversations/" + java.util.UUID.randomUUID()), 404);
        shape(api.get("/api/v1/no-such-thing"), 404);
        ApiClient.Response wrongMethod = api.post("/api/v1/test/failure", "{}");
        shape(wrongMethod, 405);
        assertThat(wrongMethod.header("Allow")).contains("GET");
        shape(api.delete("/api/v1/teams"), 405);

        var created = admin.post("/api/v1/inbound", """
                {"channel": "API", "externalId": "err-%s", "from": {"type": "EMAIL", "value": "err-%s@example.com"},
                 "subject": "Shape", "text": "Hello"}""".formatted(run, run));
        String id = created.text("conversationId");
        long version = conversations.get(org.parley.conversation.ConversationAccess.Viewer.SYSTEM,
                java.util.UUID.fromString(id)).version();
        assertThat(admin.patch("/api/v1/conversations/" + id, "{\"version\": %d, \"priority\": \"HIGH\"}"
                .formatted(version)).status()).isEqualTo(200);
        shape(admin.patch("/api/v1/conversations/" + id, "{\"version\": %d, \"priority\": \"LOW\"}"
                .formatted(version)), 409);

        shape(api.post("/api/v1/inbound", "{\"text\": \"" + "x".repeat(1_100_000) + "\"}"), 413);
        var http = java.net.http.HttpClient.newHttpClient();
        var plain = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
                + "/api/v1/conversations/" + id + "/notes")).header("Authorization", "Bearer " + ParleySpringTest.TOKEN)
                .header("Content-Type", "text/plain").POST(java.net.http.HttpRequest.BodyPublishers.ofString("hi")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        shape(new ApiClient.Response(plain.statusCode(), plain.body(), plain.headers().map()), 415);
        shape(api.get("/api/v1/test/failure"), 500);

        // 429 once this token used its 40 calls of the minute; another token is not affected
        ApiClient.Response limited = null;
        for (int i = 0; i < 45 && limited == null; i++) {
            ApiClient.Response r = api.get("/api/v1/teams");
            if (r.status() == 429) {
                limited = r;
            }
        }
        assertThat(limited).as("a 429 within the minute's budget of 40").isNotNull();
        shape(limited, 429);
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
        assertThat(new ApiClient(port, tokens.create("other " + run, agent.getId()).token()).get("/api/v1/teams")
                .status()).isEqualTo(200);
    }

    private static void shape(ApiClient.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as("content type of a %d", status).startsWith("application/json");
        var json = response.json();
        assertThat(json.path("error").isString()).as("error of a %d: %s", status, response.body()).isTrue();
        assertThat(json.path("error").asString()).isNotBlank();
        assertThat(json.path("details").isArray()).as("details of a %d: %s", status, response.body()).isTrue();
    }
}
