package org.parley.customer;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param defaultRegion ISO 3166 region used to read phone numbers written without a country code
 */
@ConfigurationProperties(prefix = "parley.identity")
public record IdentityProperties(String defaultRegion) {

    public IdentityProperties {
        defaultRegion = defaultRegion == null || defaultRegion.isBlank() ? "US" : defaultRegion.trim().toUpperCase();
    }
}
