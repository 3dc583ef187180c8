package org.parley.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.support.ApiClient;
import org.parley.support.ApiClient.Response;
import org.parley.team.Agent;
import org.parley.team.Role;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * API tokens managed over REST by admins (H2 and MySQL/MariaDB by the subclasses): the token text is shown once,
 * its scopes and expiry hold, a revoked token stops working at once, and only an admin with an admin-scoped
 * token may do any of it; every step is audited.
 */
abstract class TokenApiContract {

    @LocalServerPort
    int port;
    @Autowired
    TeamDirectory team;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    JdbcTemplate jdbc;

    String run;
    Agent admin;
    Agent agent;
    ApiClient adminApi;

    @BeforeEach
    void desk() {
        run = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()), 36);
        admin = team.createAgent("adm-" + run, "Admin " + run, null, "secret-password", EnumSet.of(Role.ADMIN));
        agent = team.createAgent("tel-" + run, "Telephony " + run, null, "secret-password", EnumSet.of(Role.AGENT));
        adminApi = new ApiClient(port, tokens.create("admin " + run, admin.getId()).token());
    }

    @Test
    void anAdminCreatesAScopedExpiringTokenListsItAndRevokesIt() {
        Instant expires = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Response created = adminApi.post("/api/v1/tokens", """
                {"name": "Phone system %s", "agentId": "%s", "expiresAt": "%s", "scopes": ["read", "ingest"]}"""
                .formatted(run, agent.getId(), expires));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String secret = created.text("token");
        String id = created.text("id");
        assertThat(secret).startsWith(created.text("prefix"));
        assertThat(created.json().path("scopes").toString()).isEqualTo("[\"ingest\",\"read\"]");
        assertThat(Instant.parse(created.text("expiresAt"))).isEqualTo(expires);
        assertThat(created.header("Location")).endsWith("/api/v1/tokens/" + id);

        ApiClient phone = new ApiClient(port, secret);
        assertThat(phone.get("/api/v1/teams").status()).as("read scope").isEqualTo(200);
        assertThat(phone.post("/api/v1/conversations/" + UUID.randomUUID() + "/notes", "{\"text\": \"x\"}").status())
                .as("no write scope").isEqualTo(403);
        assertThat(phone.get("/api/v1/tokens").status()).as("not an admin").isEqualTo(403);

        Response listed = adminApi.get("/api/v1/tokens");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).as("the token text is never shown again").doesNotContain(secret);
        JsonNode row = null;
        for (JsonNode t : listed.json()) {
            if (t.path("id").asString().equals(id)) {
                row = t;
            }
        }
        assertThat(row).isNotNull();
        assertThat(row.path("agentUsername").asString()).isEqualTo("tel-" + run);
        assertThat(row.path("lastUsedAt").isNull()).isFalse();
        assertThat(row.path("revokedAt").isNull()).isTrue();

        assertThat(adminApi.delete("/api/v1/tokens/" + id).status()).isEqualTo(204);
        assertThat(phone.get("/api/v1/teams").status()).as("revoked").isEqualTo(401);
        assertThat(adminApi.delete("/api/v1/tokens/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(jdbc.queryForList("SELECT action FROM audit_entry WHERE subject_id = ?", String.class, id))
                .contains("token.created", "token.revoked");
    }

    @Test
    void onlyAnAdminWithAnAdminScopedTokenManagesTokensAndBadRequestsSayWhy() {
        ApiClient agentApi = new ApiClient(port, tokens.create("agent " + run, agent.getId()).token());
        String body = "{\"name\": \"x\", \"agentId\": \"" + agent.getId() + "\"}";
        assertThat(agentApi.post("/api/v1/tokens", body).status()).isEqualTo(403);
        assertThat(agentApi.get("/api/v1/tokens").status()).isEqualTo(403);
        ApiClient adminReadOnly = new ApiClient(port, tokens.create("ro " + run, admin.getId(),
                EnumSet.of(ApiScope.READ, ApiScope.WRITE), null).token());
        assertThat(adminReadOnly.get("/api/v1/tokens").status()).as("admin scope needed").isEqualTo(403);
        assertThat(new ApiClient(port, null).get("/api/v1/tokens").status()).isEqualTo(401);

        assertThat(adminApi.post("/api/v1/tokens", "{\"name\": \"x\"}").status()).isEqualTo(400);
        assertThat(adminApi.post("/api/v1/tokens", "{\"name\": \"x\", \"agentId\": \"" + agent.getId()
                + "\", \"scopes\": [\"root\"]}").text("error")).contains("unknown scope");
        assertThat(adminApi.post("/api/v1/tokens", "{\"name\": \"x\", \"agentId\": \"" + agent.getId()
                + "\", \"scopes\": []}").status()).isEqualTo(400);
        assertThat(adminApi.post("/api/v1/tokens", "{\"name\": \"x\", \"agentId\": \"" + agent.getId()
                + "\", \"expiresAt\": \"2001-01-01T00:00:00Z\"}").text("error")).contains("future");
        assertThat(adminApi.post("/api/v1/tokens", "{\"name\": \"x\", \"agentId\": \"" + UUID.randomUUID() + "\"}")
                .text("error")).contains("unknown agent");
    }
}
