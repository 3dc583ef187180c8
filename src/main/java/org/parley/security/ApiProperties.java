package org.parley.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param bootstrapToken a token accepted in addition to the stored ones, acting as the first admin;
 *        meant for demos, tests and the first setup, leave empty in production
 * @param tokenCacheTtl how long a stored token that authenticated is believed without asking the database again
 *        (default 2 s; 0 asks every time): a revocation on this node takes effect at once, on other nodes and for
 *        an agent's deactivation or changed roles within this time
 */
@ConfigurationProperties(prefix = "parley.api")
public record ApiProperties(String bootstrapToken, Duration tokenCacheTtl) {

    public ApiProperties {
        tokenCacheTtl = tokenCacheTtl == null ? Duration.ofSeconds(2) : tokenCacheTtl;
        if (tokenCacheTtl.isNegative()) {
            throw new IllegalArgumentException("parley.api.token-cache-ttl must not be negative");
        }
    }
}
