package org.parley.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Requests per minute one API token may make ({@code parley.api.rate-limit.*}); beyond it the answer is
 * {@code 429} with {@code Retry-After}. Ingestion ({@code POST /api/v1/inbound} and phone events) has its own,
 * higher budget, so a busy phone system or web form does not starve the token's other calls.
 *
 * @param perMinute every other call of one token
 * @param ingestPerMinute messages one token may send in
 */
@ConfigurationProperties("parley.api.rate-limit")
public record ApiRateLimitProperties(@DefaultValue("true") boolean enabled, @DefaultValue("3000") int perMinute,
        @DefaultValue("240000") int ingestPerMinute) {

    public ApiRateLimitProperties {
        if (perMinute < 1 || ingestPerMinute < 1) {
            throw new IllegalArgumentException("parley.api.rate-limit.per-minute and ingest-per-minute must be positive");
        }
    }
}
