package org.parley.base.web;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token-bucket limit per key (e.g. the client address) plus one for all keys together, in memory and
 * bounded: at most {@code maxKeys} keys are remembered (the least recently used one is forgotten first), so a
 * flood from many addresses costs a fixed amount of memory and still meets the overall limit.
 */
public final class RateLimiter {

    private final int perKey;
    private final Duration window;
    private final int maxKeys;
    private final Bucket overall;
    private final Map<String, Bucket> buckets;

    /**
     * @param perKey requests one key may make per window
     * @param overall requests all keys together may make per window
     * @param window the refill period
     * @param maxKeys how many keys to remember
     */
    public RateLimiter(int perKey, int overall, Duration window, int maxKeys) {
        if (perKey < 1 || overall < 1 || maxKeys < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("rate limits must be positive");
        }
        this.perKey = perKey;
        this.window = window;
        this.maxKeys = maxKeys;
        this.overall = bucket(overall, window);
        this.buckets = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > RateLimiter.this.maxKeys;
            }
        };
    }

    /** Whether one more request of {@code key} is allowed now (and counts it if so). */
    public boolean tryAcquire(String key) {
        Bucket mine;
        synchronized (buckets) {
            mine = buckets.computeIfAbsent(key == null ? "" : key, k -> bucket(perKey, window));
        }
        return mine.tryConsume(1) && overall.tryConsume(1);
    }

    /**
     * Takes one request of {@code key} if allowed: answers {@link Duration#ZERO}, else how long until the key may
     * make one again (for a {@code Retry-After}); a refused request counts nowhere.
     */
    public Duration acquire(String key) {
        Bucket mine;
        synchronized (buckets) {
            mine = buckets.computeIfAbsent(key == null ? "" : key, k -> bucket(perKey, window));
        }
        var probe = mine.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            return Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill()));
        }
        var all = overall.tryConsumeAndReturnRemaining(1);
        if (!all.isConsumed()) {
            mine.addTokens(1);
            return Duration.ofNanos(Math.max(1, all.getNanosToWaitForRefill()));
        }
        return Duration.ZERO;
    }

    private static Bucket bucket(int capacity, Duration window) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, window).build())
                .build();
    }
}
