package org.parley.base.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The event spine's tuning ({@code parley.events.*}).
 *
 * @param batchSize events a subscriber applies in one transaction
 * @param pollInterval how often a subscriber looks for events committed by other nodes
 * @param maxRetryDelay the longest pause between retries of a parked event
 * @param keep how long applied events stay in the log
 * @param linger how long a subscriber that just applied events waits before it looks again (default 100 ms): events
 *        committed one by one meanwhile are applied together, in one transaction instead of one each; 0 turns it off
 * @param scope {@code cluster} (default): every event is applied once, by whichever node gets to it;
 *        {@code node}: each node applies only the events it published itself (test contexts that share one
 *        database use it, so that one context never applies another's events with its own beans)
 */
@ConfigurationProperties("parley.events")
public record SpineProperties(Integer batchSize, Duration pollInterval, Duration maxRetryDelay, Duration keep,
        Duration linger, String scope) {

    /** The linger when none is set (the benchmarks put it back over the test suite's 0). */
    public static final Duration DEFAULT_LINGER = Duration.ofMillis(100);

    public SpineProperties {
        batchSize = batchSize == null ? 200 : batchSize;
        pollInterval = pollInterval == null ? Duration.ofMillis(500) : pollInterval;
        maxRetryDelay = maxRetryDelay == null ? Duration.ofMinutes(5) : maxRetryDelay;
        keep = keep == null ? Duration.ofDays(2) : keep;
        linger = linger == null ? DEFAULT_LINGER : linger;
        scope = scope == null || scope.isBlank() ? "cluster" : scope.strip().toLowerCase(java.util.Locale.ROOT);
        if (linger.isNegative()) {
            throw new IllegalArgumentException("parley.events.linger must not be negative");
        }
        if (!scope.equals("cluster") && !scope.equals("node")) {
            throw new IllegalArgumentException("parley.events.scope must be cluster or node");
        }
    }

    boolean nodeScoped() {
        return scope.equals("node");
    }
}
