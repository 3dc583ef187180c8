package org.parley.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.parley.base.InvalidInputException;
import org.springframework.security.core.GrantedAuthority;

/**
 * What an API token may do, on top of (never beyond) the rights of the agent it belongs to. The one place that
 * says which scope a request needs ({@link #allowing}); the API's authorization rules and the STOMP endpoint
 * ask here.
 */
public enum ApiScope {

    /** Send messages in: {@code POST /api/v1/inbound} and {@code POST /api/v1/channels/phone/events} only. */
    INGEST("send messages in (inbound API, phone events) and nothing else"),
    /** Read what the agent may see: every {@code GET}, the rules' dry run, STOMP subscriptions. */
    READ("read what the agent may see (GET, STOMP)"),
    /** Change what the agent may change: {@code POST}/{@code PUT}/{@code DELETE}, ingest included. */
    WRITE("change what the agent may change (replies, customers, SLA, presence; ingest included)"),
    /** The administration endpoints: routing rules, SLA calendars and policies, customer export and erasure, tokens, webhooks. */
    ADMIN("administration: routing rules, SLA calendars and policies, customer export and erasure, API tokens, webhooks");

    private static final Pattern CUSTOMER_RECORD = Pattern.compile("^/api/v1/customers/[^/]+/(export|erase)/?$");

    private final String description;

    ApiScope(String description) {
        this.description = description;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String description() {
        return description;
    }

    /** The granted authority a token with this scope carries ({@code SCOPE_read} …). */
    public String authority() {
        return "SCOPE_" + id();
    }

    /** The scopes any one of which lets a token make this request. */
    public static Set<ApiScope> allowing(String method, String path) {
        String m = method.toUpperCase(Locale.ROOT);
        boolean reads = m.equals("GET") || m.equals("HEAD") || m.equals("OPTIONS");
        if (CUSTOMER_RECORD.matcher(path).matches() || path.equals("/api/v1/tokens") || path.startsWith("/api/v1/tokens/")
                || path.equals("/api/v1/webhooks") || path.startsWith("/api/v1/webhooks/")
                || (path.equals("/api/v1/search/rebuild") && !reads)) {
            return EnumSet.of(ADMIN);
        }
        if (path.startsWith("/api/v1/routing/rules/dry-run")) {
            return EnumSet.of(READ);
        }
        if (!reads && (path.startsWith("/api/v1/routing/rules") || path.startsWith("/api/v1/sla/calendars")
                || path.startsWith("/api/v1/sla/policies"))) {
            return EnumSet.of(ADMIN);
        }
        if (m.equals("POST") && (path.equals("/api/v1/inbound") || path.equals("/api/v1/channels/phone/events"))) {
            return EnumSet.of(INGEST, WRITE);
        }
        return reads ? EnumSet.of(READ) : EnumSet.of(WRITE);
    }

    /** Whether a caller with these authorities may make the request. */
    public static boolean allows(Collection<? extends GrantedAuthority> authorities, String method, String path) {
        Set<String> held = authorities.stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
        return allowing(method, path).stream().anyMatch(s -> held.contains(s.authority()));
    }

    /** Parses {@code read,write} (case-insensitive); null or blank is every scope. */
    public static Set<ApiScope> parse(String text) {
        if (text == null || text.isBlank()) {
            return EnumSet.allOf(ApiScope.class);
        }
        Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                scopes.add(ApiScope.valueOf(part.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("unknown scope '" + part.strip() + "'; scopes are "
                        + Arrays.stream(values()).map(ApiScope::id).collect(Collectors.joining(", ")));
            }
        }
        return scopes;
    }

    public static String format(Collection<ApiScope> scopes) {
        return scopes.stream().sorted().map(ApiScope::id).collect(Collectors.joining(","));
    }
}
