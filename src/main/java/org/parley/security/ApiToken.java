package org.parley.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.parley.base.AbstractEntity;

/** An API token of one agent. Only its SHA-256 hash is stored; the token itself is shown once. */
@Entity
@Table(name = "api_token")
public class ApiToken extends AbstractEntity {

    @Column(name = "name", nullable = false, length = 100)
    private String name;

    @Column(name = "agent_id", nullable = false)
    private UUID agentId;

    @Column(name = "token_hash", nullable = false, unique = true, length = 64)
    private String tokenHash;

    @Column(name = "token_prefix", nullable = false, length = 12)
    private String tokenPrefix;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    /** Comma-separated {@link ApiScope} ids; null (tokens from before scopes) is every scope. */
    @Column(name = "scopes", length = 100)
    private String scopes;

    @Column(name = "expires_at")
    private Instant expiresAt;

    protected ApiToken() {
    }

    ApiToken(String name, UUID agentId, String tokenHash, String tokenPrefix, java.util.Set<ApiScope> scopes,
            Instant expiresAt) {
        this.name = name;
        this.agentId = agentId;
        this.tokenHash = tokenHash;
        this.tokenPrefix = tokenPrefix;
        this.scopes = ApiScope.format(scopes);
        this.expiresAt = expiresAt;
    }

    public java.util.Set<ApiScope> getScopes() {
        return ApiScope.parse(scopes);
    }

    /** When the token stops working, or null for never. */
    public Instant getExpiresAt() {
        return expiresAt;
    }

    public boolean isExpired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    public String getName() {
        return name;
    }

    public UUID getAgentId() {
        return agentId;
    }

    public String getTokenPrefix() {
        return tokenPrefix;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getLastUsedAt() {
        return lastUsedAt;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    void used(Instant at) {
        lastUsedAt = at;
    }

    void revoke(Instant at) {
        if (revokedAt == null) {
            revokedAt = at;
        }
    }
}
