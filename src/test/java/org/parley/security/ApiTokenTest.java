package org.parley.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditTrail;
import org.parley.support.ApiClient;
import org.parley.support.ParleySpringTest;
import org.parley.team.Agent;
import org.parley.team.Role;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@ParleySpringTest
class ApiTokenTest {

    @LocalServerPort
    int port;

    @Autowired
    ApiTokenService tokens;

    @Autowired
    TeamDirectory team;

    @Autowired
    AuditTrail audit;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Test
    void aCreatedTokenWorksIsStoredHashedRecordsUseAndStopsWorkingWhenRevoked() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Agent agent = team.createAgent("tok" + run, "Token Owner", null, "long-enough-pw", EnumSet.of(Role.AGENT));

        ApiTokenService.CreatedToken created = tokens.create("wallboard", agent.getId());
        ApiClient client = new ApiClient(port, created.token());

        assertThat(created.token()).startsWith("prl_");
        assertThat(client.get("/api/v1/customers?q=nobody-" + run).status()).isEqualTo(200);
        ApiToken stored = tokens.list().stream().filter(t -> t.getId().equals(created.id())).findFirst().orElseThrow();
        assertThat(stored.getTokenPrefix()).isEqualTo(created.token().substring(0, 10));
        assertThat(stored.getLastUsedAt()).isNotNull();
        assertThat(ApiTokenService.hash(created.token())).isNotEqualTo(created.token());

        tokens.revoke(created.id());

        assertThat(client.get("/api/v1/customers?q=nobody-" + run).status()).isEqualTo(401);
        assertThat(audit.forSubject(created.id())).extracting(e -> e.getAction())
                .containsExactly("token.created", "token.revoked");
    }

    @Test
    void aTokenOfADeactivatedAgentIsRefused() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Agent agent = team.createAgent("gone" + run, "Gone Agent", null, "long-enough-pw", EnumSet.of(Role.AGENT));
        ApiTokenService.CreatedToken created = tokens.create("script", agent.getId());
        team.updateAgent(agent.getId(), "Gone Agent", null, EnumSet.of(Role.AGENT), false);

        assertThat(new ApiClient(port, created.token()).get("/api/v1/customers?q=x").status()).isEqualTo(401);
    }

    /**
     * A token that authenticated is believed for parley.api.token-cache-ttl (2 s) without the database: a change made
     * elsewhere — the agent deactivated, or the token revoked by another node (here: its row changed directly) —
     * refuses it once that time is over.
     */
    @Test
    void aTokenBelievedFromTheCacheIsRefusedOnceItsAgentIsDeactivatedOrAnotherNodeRevokedIt() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Agent agent = team.createAgent("cch" + run, "Cached Agent", null, "long-enough-pw", EnumSet.of(Role.AGENT));
        ApiClient deactivated = new ApiClient(port, tokens.create("script", agent.getId()).token());
        assertThat(deactivated.get("/api/v1/customers?q=x").status()).isEqualTo(200);
        team.updateAgent(agent.getId(), "Cached Agent", null, EnumSet.of(Role.AGENT), false);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> deactivated.get("/api/v1/customers?q=x").status() == 401);

        Agent other = team.createAgent("cco" + run, "Other Agent", null, "long-enough-pw", EnumSet.of(Role.AGENT));
        ApiTokenService.CreatedToken created = tokens.create("elsewhere " + run, other.getId());
        ApiClient revokedElsewhere = new ApiClient(port, created.token());
        assertThat(revokedElsewhere.get("/api/v1/customers?q=x").status()).isEqualTo(200);
        assertThat(jdbc.update("update api_token set revoked_at = ? where name = ?",
                java.sql.Timestamp.from(Instant.now()), "elsewhere " + run)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> revokedElsewhere.get("/api/v1/customers?q=x").status() == 401);
    }

    /** A token in the cache when it expires is refused from its expiry on, not when its cache entry ends. */
    @Test
    void aTokenIsNeverBelievedPastItsExpiry() throws InterruptedException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Agent agent = team.createAgent("exp" + run, "Expiring Agent", null, "long-enough-pw", EnumSet.of(Role.AGENT));
        Instant expiresAt = Instant.now().plusSeconds(3);
        ApiClient client = new ApiClient(port, tokens.create("short", agent.getId(), EnumSet.of(ApiScope.READ),
                expiresAt).token());
        assertThat(client.get("/api/v1/customers?q=x").status()).isEqualTo(200);
        // used all along, so that it is in the cache when it expires: every call sent after the expiry is refused
        int refusedAfterExpiry = 0;
        while (refusedAfterExpiry < 5) {
            boolean sentAfterExpiry = Instant.now().isAfter(expiresAt);
            int status = client.get("/api/v1/customers?q=x").status();
            if (sentAfterExpiry) {
                assertThat(status).isEqualTo(401);
                refusedAfterExpiry++;
            }
            Thread.sleep(100);
        }
    }

    /** An ingest-only token (a telephony provider, a form on a website) can send messages in and nothing else. */
    @Test
    void anIngestOnlyTokenSendsMessagesInAndIsRefusedEverythingElse() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Agent agent = team.createAgent("ing" + run, "Ingest Owner", null, "long-enough-pw", EnumSet.of(Role.ADMIN));
        ApiClient ingest = new ApiClient(port, tokens.create("web form", agent.getId(), EnumSet.of(ApiScope.INGEST),
                null).token());

        ApiClient.Response in = ingest.post("/api/v1/inbound", """
                {"channel": "API", "externalId": "form-%s", "from": {"type": "EMAIL", "value": "form-%s@example.com"},
                 "text": "Sent from the website"}""".formatted(run, run));
        assertThat(in.status()).isEqualTo(201);
        assertThat(ingest.post("/api/v1/channels/phone/events", """
                {"callId": "C-%s", "direction": "INBOUND", "from": "+1 415 555 0199", "to": "+1 415 555 0100",
                 "status": "MISSED"}""".formatted(run)).status()).isEqualTo(201);

        ApiClient.Response read = ingest.get("/api/v1/customers/" + in.text("customerId"));
        assertThat(read.status()).isEqualTo(403);
        assertThat(read.text("error")).contains("read");
        assertThat(ingest.get("/api/v1/conversations/" + in.text("conversationId")).status()).isEqualTo(403);
        assertThat(ingest.post("/api/v1/conversations/" + in.text("conversationId") + "/replies",
                "{\"text\": \"hi\"}").status()).isEqualTo(403);
        assertThat(ingest.post("/api/v1/customers/" + in.text("customerId") + "/erase", "{}").status()).isEqualTo(403);
    }

    @Test
    void readWriteAndAdminScopesSplitTheApi() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Agent admin = team.createAgent("scp" + run, "Scoped Admin", null, "long-enough-pw", EnumSet.of(Role.ADMIN));
        ApiClient readOnly = new ApiClient(port, tokens.create("reports", admin.getId(), EnumSet.of(ApiScope.READ),
                null).token());
        ApiClient readWrite = new ApiClient(port, tokens.create("crm", admin.getId(),
                EnumSet.of(ApiScope.READ, ApiScope.WRITE), null).token());
        ApiClient full = new ApiClient(port, tokens.create("ops", admin.getId(), EnumSet.allOf(ApiScope.class), null)
                .token());
        String customer = full.post("/api/v1/customers", """
                {"name": "Scope %s", "identities": [{"type": "EMAIL", "value": "scope-%s@example.com"}]}"""
                .formatted(run, run)).text("id");

        assertThat(readOnly.get("/api/v1/customers/" + customer).status()).isEqualTo(200);
        assertThat(readOnly.post("/api/v1/customers", "{\"name\": \"x\"}").status()).isEqualTo(403);
        assertThat(readOnly.post("/api/v1/inbound", "{}").status()).isEqualTo(403);
        assertThat(readWrite.post("/api/v1/inbound", "{}").status()).isEqualTo(400); // allowed, then validated
        assertThat(readWrite.getBytes("/api/v1/customers/" + customer + "/export").status()).isEqualTo(403);
        assertThat(readWrite.post("/api/v1/sla/calendars", "{}").status()).isEqualTo(403);
        assertThat(full.getBytes("/api/v1/customers/" + customer + "/export").status()).isEqualTo(200);
    }

    @Test
    void anExpiredTokenIs401AndScopesAndExpiryAreAudited() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Agent agent = team.createAgent("exp" + run, "Expiring", null, "long-enough-pw", EnumSet.of(Role.AGENT));
        Instant expiry = Instant.now().plus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        ApiTokenService.CreatedToken created = tokens.create("temp", agent.getId(), EnumSet.of(ApiScope.READ), expiry);
        ApiClient client = new ApiClient(port, created.token());
        assertThat(client.get("/api/v1/customers?q=x").status()).isEqualTo(200);
        assertThat(audit.forSubject(created.id())).singleElement().satisfies(e -> assertThat(e.getDetails())
                .contains("scopes read", "expires " + expiry));

        jdbc.update("update api_token set expires_at = ? where token_prefix = ?",
                java.sql.Timestamp.from(Instant.now().minusSeconds(1)), created.token().substring(0, 10));

        // an expiry changed in the database (not through the service) is read once the token's cache entry ends
        await().atMost(Duration.ofSeconds(10)).until(() -> client.get("/api/v1/customers?q=x").status() == 401);
        assertThatThrownBy(() -> tokens.create("past", agent.getId(), EnumSet.of(ApiScope.READ),
                Instant.now().minusSeconds(60))).hasMessageContaining("future");
        assertThatThrownBy(() -> tokens.create("none", agent.getId(), EnumSet.noneOf(ApiScope.class), null))
                .hasMessageContaining("scope");
    }
}
