package org.parley.security.api;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.parley.base.InvalidInputException;
import org.parley.security.ApiScope;
import org.parley.security.ApiToken;
import org.parley.security.ApiTokenService;
import org.parley.security.RoleGuard;
import org.parley.team.Agent;
import org.parley.team.Role;
import org.parley.team.TeamDirectory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * API tokens for admins (role ADMIN and a token with the {@code admin} scope): create one for an agent — the
 * token text is in this answer and nowhere else, ever — list them (prefix, scopes, expiry, last use) and revoke.
 * Each is audited like in the API tokens view.
 */
@RestController
class ApiTokenController {

    private final ApiTokenService tokens;
    private final TeamDirectory team;
    private final RoleGuard roles;

    ApiTokenController(ApiTokenService tokens, TeamDirectory team, RoleGuard roles) {
        this.tokens = tokens;
        this.team = team;
        this.roles = roles;
    }

    @PostMapping(path = "/api/v1/tokens", consumes = "application/json")
    ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) NewToken body) {
        roles.requireAny(Role.ADMIN);
        if (body == null || body.agentId() == null) {
            throw new InvalidInputException("a JSON body {name, agentId, expiresAt?, scopes?} is required");
        }
        if (body.scopes() != null && body.scopes().stream().allMatch(s -> s == null || s.isBlank())) {
            throw new InvalidInputException("scopes: choose at least one of ingest, read, write, admin (or leave it out"
                    + " for all)");
        }
        Set<ApiScope> scopes = body.scopes() == null ? java.util.EnumSet.allOf(ApiScope.class)
                : ApiScope.parse(String.join(",", body.scopes()));
        ApiTokenService.CreatedToken created = tokens.create(body.name(), body.agentId(), scopes, body.expiresAt());
        ApiToken stored = tokens.list().stream().filter(t -> t.getId().equals(created.id())).findFirst().orElseThrow();
        Map<String, Object> answer = new java.util.LinkedHashMap<>();
        answer.put("id", created.id());
        answer.put("token", created.token());
        answer.putAll(json(stored, agentNames()).asMap());
        return ResponseEntity.created(URI.create("/api/v1/tokens/" + created.id())).body(answer);
    }

    @GetMapping("/api/v1/tokens")
    List<TokenJson> list() {
        roles.requireAny(Role.ADMIN);
        Map<UUID, String> names = agentNames();
        return tokens.list().stream().map(t -> json(t, names)).toList();
    }

    @DeleteMapping("/api/v1/tokens/{id}")
    ResponseEntity<Void> revoke(@PathVariable UUID id) {
        roles.requireAny(Role.ADMIN);
        tokens.revoke(id);
        return ResponseEntity.noContent().build();
    }

    private Map<UUID, String> agentNames() {
        return team.allAgents().stream().collect(java.util.stream.Collectors.toMap(Agent::getId, Agent::getUsername));
    }

    private static TokenJson json(ApiToken t, Map<UUID, String> names) {
        return new TokenJson(t.getId(), t.getName(), t.getAgentId(), names.get(t.getAgentId()),
                t.getTokenPrefix(), t.getScopes().stream().map(ApiScope::id).sorted().toList(), t.getCreatedAt(),
                t.getExpiresAt(), t.getLastUsedAt(), t.getRevokedAt());
    }

    record NewToken(String name, UUID agentId, Instant expiresAt, List<String> scopes) {
    }

    record TokenJson(UUID id, String name, UUID agentId, String agentUsername, String prefix, List<String> scopes,
            Instant createdAt, Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {

        Map<String, Object> asMap() {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("name", name);
            m.put("agentId", agentId);
            m.put("agentUsername", agentUsername);
            m.put("prefix", prefix);
            m.put("scopes", scopes);
            m.put("createdAt", createdAt);
            m.put("expiresAt", expiresAt);
            m.put("lastUsedAt", lastUsedAt);
            m.put("revokedAt", revokedAt);
            return m;
        }
    }
}
