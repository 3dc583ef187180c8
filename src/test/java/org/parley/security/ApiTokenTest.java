package org.parley.security;

import static org.assertj.core.api.Assertions.assertThat;

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
}
