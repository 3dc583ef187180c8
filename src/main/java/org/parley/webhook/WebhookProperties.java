package org.parley.webhook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The webhook dispatcher's settings ({@code parley.webhooks.*}).
 *
 * @param enabled whether this node sends deliveries
 * @param allowPrivateAddresses whether URLs may point at loopback, private, link-local or multicast addresses
 *        (off in production: a subscription must not reach into Parley's own network)
 * @param pollInterval how often due deliveries are looked for
 * @param batchSize deliveries claimed per round
 * @param timeout connect and answer timeout of one attempt
 * @param initialBackoff wait after the first failed attempt; doubled after each further one
 * @param maxBackoff the cap of the wait between attempts
 * @param lease how long a claimed delivery is reserved for one attempt
 * @param disableAfter a subscription whose deliveries only failed for this long is disabled
 * @param keep how long finished deliveries stay in the delivery log
 */
@ConfigurationProperties("parley.webhooks")
public record WebhookProperties(@DefaultValue("true") boolean enabled,
        @DefaultValue("false") boolean allowPrivateAddresses, @DefaultValue("5s") Duration pollInterval,
        @DefaultValue("50") int batchSize, @DefaultValue("10s") Duration timeout,
        @DefaultValue("10s") Duration initialBackoff, @DefaultValue("1h") Duration maxBackoff,
        @DefaultValue("1m") Duration lease, @DefaultValue("24h") Duration disableAfter,
        @DefaultValue("30d") Duration keep) {

    /** The wait after {@code failedAttempts} failed attempts: initial × 2^(n−1), at most the cap. */
    Duration backoffAfter(int failedAttempts) {
        Duration wait = initialBackoff;
        for (int i = 1; i < failedAttempts && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
