package org.parley.base.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How far behind each subscriber is: {@code /actuator/health} (component {@code eventSpine}) and the gauges
 * {@code parley.events.backlog} and {@code parley.events.failed} (tag {@code subscriber}). The figures are
 * read at most once a second, so a busy scrape or health check costs the database nothing.
 */
@Component("eventSpineHealthIndicator")
class SpineHealth implements HealthIndicator {

    /** One subscriber's state. */
    record Lag(long position, long backlog, long failed, boolean running) {
    }

    private final EventLog eventLog;
    private final EventDispatcher dispatcher;
    private final TransactionTemplate tx;
    private volatile Map<String, Lag> cached = Map.of();
    private volatile Instant readAt = Instant.EPOCH;

    SpineHealth(EventLog eventLog, EventDispatcher dispatcher, PlatformTransactionManager transactions,
            MeterRegistry meters) {
        this.eventLog = eventLog;
        this.dispatcher = dispatcher;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setReadOnly(true);
        for (String name : dispatcher.subscriberNames()) {
            Gauge.builder("parley.events.backlog", this, h -> h.lag(name).backlog()).tag("subscriber", name)
                    .description("committed events the subscriber has not applied yet").register(meters);
            Gauge.builder("parley.events.failed", this, h -> h.lag(name).failed()).tag("subscriber", name)
                    .description("events parked after a failure, retried until they succeed").register(meters);
        }
    }

    Lag lag(String subscriber) {
        return lags().getOrDefault(subscriber, new Lag(0, 0, 0, false));
    }

    Map<String, Lag> lags() {
        Instant now = Instant.now();
        if (Duration.between(readAt, now).toMillis() < 1000) {
            return cached;
        }
        Map<String, Lag> fresh = tx.execute(status -> {
            long head = eventLog.head();
            Map<String, Long> positions = eventLog.positions();
            Map<String, Long> failures = eventLog.failureCounts();
            Map<String, Lag> all = new LinkedHashMap<>();
            for (String name : dispatcher.subscriberNames()) {
                long position = positions.getOrDefault(dispatcher.key(name), 0L);
                all.put(name, new Lag(position, Math.max(0, head - position), failures.getOrDefault(dispatcher.key(name), 0L),
                        dispatcher.isAlive(name)));
            }
            return all;
        });
        cached = fresh;
        readAt = now;
        return fresh;
    }

    @Override
    public Health health() {
        Map<String, Lag> all = lags();
        Health.Builder health = all.values().stream().allMatch(Lag::running) ? Health.up() : Health.down();
        long backlog = all.values().stream().mapToLong(Lag::backlog).sum();
        long failed = all.values().stream().mapToLong(Lag::failed).sum();
        return health.withDetail("backlog", backlog).withDetail("failed", failed).withDetail("subscribers", all)
                .build();
    }
}
