package org.parley.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.parley.audit.AuditTrail;
import org.parley.base.InvalidInputException;
import org.parley.base.NotFoundException;
import org.parley.team.Agent;
import org.parley.team.AgentPrincipal;
import org.parley.team.TeamDirectory;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Creates, checks and revokes API tokens. */
@Service
public class ApiTokenService {

    static final String TOKEN_PREFIX = "prl_";
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiTokenRepository tokens;
    private final TeamDirectory team;
    private final AuditTrail audit;
    private final String bootstrapHash;
    private final TransactionTemplate transaction;
    private final ConcurrentMap<UUID, Instant> lastTouched = new ConcurrentHashMap<>();
    /**
     * Stored tokens that authenticated lately, by hash, for {@code parley.api.token-cache-ttl}: an integration's
     * burst is not a transaction with two queries per call (that halved the rate the ingest API could answer).
     */
    private final Cache<String, Authenticated> recent;

    /** A stored token that authenticated: whom it stands for, and until when the token itself is valid. */
    private record Authenticated(UUID tokenId, AgentPrincipal principal, Instant expiresAt) {

        boolean validAt(Instant now) {
            return expiresAt == null || expiresAt.isAfter(now);
        }
    }

    ApiTokenService(ApiTokenRepository tokens, TeamDirectory team, AuditTrail audit, ApiProperties properties,
            PlatformTransactionManager transactions) {
        this.transaction = new TransactionTemplate(transactions);
        this.tokens = tokens;
        this.team = team;
        this.audit = audit;
        this.bootstrapHash = properties.bootstrapToken() == null || properties.bootstrapToken().isBlank()
                ? null : hash(properties.bootstrapToken().strip());
        this.recent = Caffeine.newBuilder().expireAfterWrite(properties.tokenCacheTtl()).maximumSize(10_000).build();
    }

    /** A new token for the agent with every scope and no expiry; the returned text is the only time it is shown. */
    @Transactional
    public CreatedToken create(String name, UUID agentId) {
        return create(name, agentId, java.util.EnumSet.allOf(ApiScope.class), null);
    }

    /**
     * A new token for the agent that may do only what {@code scopes} allow (see {@link ApiScope}) and stops working
     * at {@code expiresAt} (null: never); the returned text is the only time the token is ever shown.
     */
    @Transactional
    public CreatedToken create(String name, UUID agentId, java.util.Set<ApiScope> scopes, Instant expiresAt) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new InvalidInputException("token name must be 1-100 characters");
        }
        if (scopes == null || scopes.isEmpty()) {
            throw new InvalidInputException("choose at least one scope: "
                    + java.util.Arrays.stream(ApiScope.values()).map(ApiScope::id).collect(java.util.stream.Collectors.joining(", ")));
        }
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            throw new InvalidInputException("the expiry must be in the future");
        }
        Agent agent = team.findAgent(agentId).orElseThrow(() -> new InvalidInputException("unknown agent " + agentId));
        byte[] secret = new byte[30];
        RANDOM.nextBytes(secret);
        String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ApiToken saved = tokens.save(new ApiToken(name.strip(), agent.getId(), hash(token),
                token.substring(0, 10), scopes, expiresAt));
        audit.record("token.created", "api_token", saved.getId(), name.strip() + " for " + agent.getUsername()
                + "; scopes " + ApiScope.format(scopes) + "; expires " + (expiresAt == null ? "never" : expiresAt));
        return new CreatedToken(saved.getId(), token);
    }

    @Transactional
    public void revoke(UUID tokenId) {
        ApiToken token = tokens.findById(tokenId).orElseThrow(() -> new NotFoundException("token " + tokenId));
        token.revoke(Instant.now());
        audit.record("token.revoked", "api_token", tokenId, token.getName());
        // at once, and again after the commit: a call that read the token before the commit may have put it back
        forget(tokenId);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    forget(tokenId);
                }
            });
        }
    }

    private void forget(UUID tokenId) {
        recent.asMap().values().removeIf(known -> known.tokenId().equals(tokenId));
    }

    @Transactional(readOnly = true)
    public List<ApiToken> list() {
        return tokens.findAllByOrderByCreatedAtDesc();
    }

    /**
     * The agent a presented token stands for, if the token is valid and not revoked. The bootstrap token is told
     * without the database; a stored token is looked up in a transaction of its own, and believed for
     * {@code parley.api.token-cache-ttl} after that (never past its expiry).
     */
    public Optional<AgentPrincipal> authenticate(String presented) {
        if (presented == null || presented.isBlank() || presented.length() > 200) {
            return Optional.empty();
        }
        String hash = hash(presented.strip());
        if (bootstrapHash != null && MessageDigest.isEqual(bootstrapHash.getBytes(StandardCharsets.US_ASCII),
                hash.getBytes(StandardCharsets.US_ASCII))) {
            List<String> all = new java.util.ArrayList<>(List.of("ROLE_ADMIN", "ROLE_SUPERVISOR", "ROLE_LEAD",
                    "ROLE_AGENT"));
            java.util.Arrays.stream(ApiScope.values()).map(ApiScope::authority).forEach(all::add);
            return Optional.of(new AgentPrincipal(null, "api-bootstrap", "Bootstrap token", null, true,
                    AuthorityUtils.createAuthorityList(all)));
        }
        Instant now = Instant.now();
        Authenticated known = recent.getIfPresent(hash);
        if (known != null && known.validAt(now)) {
            if (touchDue(known.tokenId(), now)) {
                transaction.executeWithoutResult(status -> tokens.touch(known.tokenId(), now));
            }
            return Optional.of(known.principal());
        }
        Optional<Authenticated> found = transaction.execute(status -> stored(hash, now));
        found.ifPresentOrElse(authenticated -> recent.put(hash, authenticated), () -> recent.invalidate(hash));
        return found.map(Authenticated::principal);
    }

    private Optional<Authenticated> stored(String hash, Instant now) {
        Optional<ApiToken> token = tokens.findByTokenHash(hash).filter(t -> !t.isRevoked() && !t.isExpired(now));
        if (token.isEmpty()) {
            return Optional.empty();
        }
        Optional<Agent> agent = team.findAgent(token.get().getAgentId()).filter(Agent::isActive);
        if (agent.isPresent() && touchDue(token.get().getId(), now)) {
            tokens.touch(token.get().getId(), now);
        }
        // the agent's roles, and the token's scopes as SCOPE_ authorities (ApiScope decides what they allow)
        return agent.map(AgentPrincipal::of).map(p -> {
            List<org.springframework.security.core.GrantedAuthority> authorities = new java.util.ArrayList<>(
                    p.getAuthorities());
            token.get().getScopes().forEach(s -> authorities.add(
                    new org.springframework.security.core.authority.SimpleGrantedAuthority(s.authority())));
            return new Authenticated(token.get().getId(),
                    new AgentPrincipal(p.agentId(), p.getUsername(), p.displayName(), null, true, authorities),
                    token.get().getExpiresAt());
        });
    }

    /**
     * Whether this use of the token is to be recorded: at most once a minute per token, so that reads stay reads
     * (of calls at the same moment, one wins).
     */
    private boolean touchDue(UUID tokenId, Instant now) {
        Instant previous = lastTouched.get(tokenId);
        if (previous != null && !previous.plus(TOUCH_INTERVAL).isBefore(now)) {
            return false;
        }
        return previous == null ? lastTouched.putIfAbsent(tokenId, now) == null
                : lastTouched.replace(tokenId, previous, now);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A freshly created token: {@code token} is shown once and never stored. */
    public record CreatedToken(UUID id, String token) {
    }
}
