package org.parley.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.parley.base.web.RateLimiter;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One token-bucket per API token (keyed by a hash of the token, never the token itself), with a separate,
 * higher budget for ingestion. Runs after the token is checked: an unknown token gets its 401 first.
 */
class ApiRateLimitFilter extends OncePerRequestFilter {

    private final ApiRateLimitProperties properties;
    private final org.springframework.security.core.context.SecurityContextHolderStrategy contexts;
    private final RateLimiter calls;
    private final RateLimiter ingest;

    ApiRateLimitFilter(ApiRateLimitProperties properties,
            org.springframework.security.core.context.SecurityContextHolderStrategy contexts) {
        this.properties = properties;
        this.contexts = contexts;
        // no overall cap worth the name: 10,000 tokens may each use their full budget
        this.calls = new RateLimiter(properties.perMinute(), manyTokens(properties.perMinute()), Duration.ofMinutes(1),
                10_000);
        this.ingest = new RateLimiter(properties.ingestPerMinute(), manyTokens(properties.ingestPerMinute()),
                Duration.ofMinutes(1), 10_000);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (!properties.enabled() || header == null || !header.startsWith("Bearer ")
                || contexts.getContext().getAuthentication() == null) {
            chain.doFilter(request, response);
            return;
        }
        boolean ingesting = "POST".equalsIgnoreCase(request.getMethod())
                && (request.getRequestURI().equals("/api/v1/inbound")
                        || request.getRequestURI().equals("/api/v1/channels/phone/events"));
        Duration wait = (ingesting ? ingest : calls).acquire(key(header));
        if (wait.isZero()) {
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        response.setStatus(429);
        response.setHeader("Retry-After", Long.toString(seconds));
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getWriter().write("{\"error\":\"this token made more than "
                + (ingesting ? properties.ingestPerMinute() + " ingest requests" : properties.perMinute() + " requests")
                + " in a minute; try again in " + seconds + " s\",\"details\":[]}");
    }

    private static int manyTokens(int perToken) {
        return (int) Math.min(Integer.MAX_VALUE, perToken * 10_000L);
    }

    /** A key per token that is not the token: the same hash tokens are stored under. */
    private static String key(String header) {
        return ApiTokenService.hash(header.substring("Bearer ".length()).strip());
    }
}
