package org.parley.channel.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The outbox dispatcher's settings ({@code parley.outbox.*}).
 *
 * @param enabled whether this node dispatches (all nodes may: claims are row locks with SKIP LOCKED)
 * @param pollInterval how often due messages are looked for (a new reply also wakes the dispatcher)
 * @param batchSize messages claimed per round
 * @param maxAttempts attempts before a transiently failing message is FAILED
 * @param initialBackoff wait after the first failure; doubled after each further failure
 * @param maxBackoff the cap of the wait between attempts
 * @param lease how long a claimed message is reserved for one attempt before another node may take it
 */
@ConfigurationProperties("parley.outbox")
public record OutboxProperties(@DefaultValue("true") boolean enabled, @DefaultValue("5s") Duration pollInterval,
        @DefaultValue("50") int batchSize, @DefaultValue("8") int maxAttempts,
        @DefaultValue("10s") Duration initialBackoff, @DefaultValue("30m") Duration maxBackoff,
        @DefaultValue("5m") Duration lease) {

    /** The wait after {@code failedAttempts} failed attempts: initial × 2^(n−1), at most the cap. */
    public Duration backoffAfter(int failedAttempts) {
        Duration wait = initialBackoff;
        for (int i = 1; i < failedAttempts && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
