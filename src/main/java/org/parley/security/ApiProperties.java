package org.parley.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param bootstrapToken a token accepted in addition to the stored ones, acting as the first admin;
 *        meant for demos, tests and the first setup, leave empty in production
 */
@ConfigurationProperties(prefix = "parley.api")
public record ApiProperties(String bootstrapToken) {
}
