package org.parley.base.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Feeds every {@link EventSubscriber} the committed events, each on its own Spring-managed virtual thread:
 * woken by a local commit, else polling for other nodes' events. A batch and the subscriber's position
 * commit together; a failed batch is applied event by event, and an event that still fails is parked and
 * retried with growing pauses until it succeeds.
 */
@Component
class EventDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);
    /**
     * Events handed to a subscriber at a time within its batch transaction. Between two handouts what the
     * subscriber changed is flushed and the persistence context emptied: otherwise every query of a large batch
     * dirty-checks every entity the batch loaded so far (quadratic; it was most of the subscribers' time). Each
     * handout reads its conversations together, so a larger one reads less often: 40 ingested about a tenth more
     * per second than 10 on a warm JVM under a burst, 100 no more than 40.
     */
    static final int HANDOUT = 40;
    /** Tries of a batch that meets concurrent changes before its events are applied one by one. */
    static final int BATCH_ATTEMPTS = 3;
    /** How long a stop waits for the batches under way. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final List<EventSubscriber> subscribers;
    private final EventLog eventLog;
    private final TransactionTemplate tx;
    private final SpineSignal signal;
    private final SpineProperties properties;
    private final Clock clock;
    private final SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor("parley-events-");
    private final Map<String, Semaphore> wakeUps = new ConcurrentHashMap<>();
    private final Map<String, Boolean> alive = new ConcurrentHashMap<>();
    private final Set<Thread> loops = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    /** Bumped by every start: loops of an earlier start leave their subscriber to the new ones. */
    private volatile int generation;
    private volatile Instant lastPrune = Instant.EPOCH;

    private final jakarta.persistence.EntityManager entities;

    EventDispatcher(List<EventSubscriber> subscribers, EventLog eventLog, PlatformTransactionManager transactions,
            SpineSignal signal, SpineProperties properties, Clock clock, jakarta.persistence.EntityManager entities) {
        this.entities = entities;
        this.subscribers = subscribers;
        this.eventLog = eventLog;
        this.tx = new TransactionTemplate(transactions);
        this.signal = signal;
        this.properties = properties;
        this.clock = clock;
        this.threads.setVirtualThreads(true);
        Map<String, EventSubscriber> names = new java.util.HashMap<>();
        for (EventSubscriber s : subscribers) {
            if (names.put(s.name(), s) != null) {
                throw new IllegalStateException("two event subscribers are named " + s.name());
            }
        }
    }

    /** Registered before anything can publish, so a new subscriber misses nothing committed after it. */
    @jakarta.annotation.PostConstruct
    void register() {
        for (EventSubscriber subscriber : subscribers) {
            tx.executeWithoutResult(status -> eventLog.register(key(subscriber), clock.instant()));
        }
    }

    @Override
    public void start() {
        // a restart right after a stop (a paused test context) may find the earlier loops not yet ended: they see
        // the new generation and end, instead of feeding the subscriber alongside the new ones; each subscriber
        // keeps its one wake-up for good (a new one per start would pile up in the signal)
        int current = ++generation;
        running = true;
        for (EventSubscriber subscriber : subscribers) {
            Semaphore wakeUp = wakeUps.computeIfAbsent(subscriber.name(), name -> signal.register(subscriber::accepts));
            threads.execute(() -> loop(subscriber, wakeUp, current));
        }
    }

    @Override
    public void stop() {
        running = false;
        wakeUps.values().forEach(Semaphore::release);
        // a batch under way ends (commits or rolls back) before the context closes what it uses: stopped under
        // it, it failed on a closed search mapping and its events were parked as failures until the next start
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        try {
            for (Thread loop : List.copyOf(loops)) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !loop.join(Duration.ofNanos(left))) {
                    log.warn("event subscribers still busy {} s after the stop; stopping anyway", STOP_WAIT.toSeconds());
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the web server is up and before anything else needs the subscribers; stopped early on shutdown. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2000;
    }

    List<String> subscriberNames() {
        return subscribers.stream().map(EventSubscriber::name).toList();
    }

    boolean isAlive(String subscriber) {
        return alive.getOrDefault(subscriber, false);
    }

    private void loop(EventSubscriber subscriber, Semaphore wakeUp, int started) {
        alive.put(subscriber.name(), true);
        loops.add(Thread.currentThread());
        Instant nextRetryCheck = Instant.EPOCH;
        try {
            while (running && generation == started) {
                boolean more;
                boolean applied;
                try {
                    Drained drained = drain(subscriber);
                    more = drained.read() >= properties.batchSize();
                    // only a subscriber that was handed events lingers for more; one that merely went past events
                    // it does not take waits for a commit of its kinds or its next poll
                    applied = drained.handed() > 0;
                    Instant now = clock.instant();
                    if (!now.isBefore(nextRetryCheck)) {
                        retryParked(subscriber);
                        nextRetryCheck = now.plusSeconds(1);
                    }
                    prune();
                } catch (RuntimeException e) {
                    // the database is away or the lock wait ran out: try again after a pause
                    log.warn("event subscriber {} paused: {}", subscriber.name(), e.toString());
                    more = false;
                    applied = false;
                }
                if (!more && applied && properties.linger().isPositive()) {
                    // events committed one by one meanwhile (20 a second on a desk) come to it together: one
                    // transaction, one handout, one set of reads instead of one each
                    Thread.sleep(properties.linger().toMillis());
                    wakeUp.drainPermits();
                } else if (!more) {
                    wakeUp.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            loops.remove(Thread.currentThread());
            if (generation == started) {
                alive.put(subscriber.name(), false);
            }
        }
    }

    /**
     * What one drain did: how many events of the log it went past (a whole batch: there may be more right away), and
     * how many of them the subscriber was handed.
     */
    record Drained(int read, int handed) {
    }

    /** Applies the next batch. */
    Drained drain(EventSubscriber subscriber) {
        for (int attempt = 1; ; attempt++) {
            try {
                return applyBatch(subscriber);
            } catch (TransientDataAccessException conflict) {
                // another transaction changed a row the batch changes (a message arrived in a conversation being
                // routed): the whole batch again a moment later costs one transaction, event by event up to 200
                if (attempt == BATCH_ATTEMPTS) {
                    return applyAfterFailure(subscriber, conflict);
                }
                log.debug("event subscriber {}: a batch met a concurrent change ({}), trying it again",
                        subscriber.name(), conflict.toString());
                pause(attempt);
            } catch (RuntimeException batchFailed) {
                return applyAfterFailure(subscriber, batchFailed);
            }
        }
    }

    private Drained applyAfterFailure(EventSubscriber subscriber, RuntimeException batchFailed) {
        log.info("event subscriber {}: a batch failed ({}), applying its events one by one", subscriber.name(),
                batchFailed.toString());
        return new Drained(applyOneByOne(subscriber) ? properties.batchSize() : 1, 1);
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(10, 50) * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Drained applyBatch(EventSubscriber subscriber) {
        Drained drained = tx.execute(status -> {
            long position = eventLog.lockPosition(key(subscriber));
            List<EventLog.StoredEvent> batch = eventLog.readAfter(position, properties.batchSize());
            if (batch.isEmpty()) {
                return new Drained(0, 0);
            }
            List<DomainEvent> events = new ArrayList<>();
            for (EventLog.StoredEvent stored : batch) {
                if (wants(subscriber, stored)) {
                    events.add(eventLog.decode(stored));
                }
            }
            for (int from = 0; from < events.size(); from += HANDOUT) {
                if (from > 0) {
                    entities.flush();
                    entities.clear();
                }
                subscriber.handle(events.subList(from, Math.min(events.size(), from + HANDOUT)));
            }
            eventLog.advance(key(subscriber), batch.getLast().seq(), clock.instant());
            return new Drained(batch.size(), events.size());
        });
        return drained == null ? new Drained(0, 0) : drained;
    }

    private boolean applyOneByOne(EventSubscriber subscriber) {
        for (int i = 0; i < properties.batchSize(); i++) {
            long[] failed = {-1};
            Boolean applied;
            try {
                applied = tx.execute(status -> {
                    long position = eventLog.lockPosition(key(subscriber));
                    List<EventLog.StoredEvent> next = eventLog.readAfter(position, 1);
                    if (next.isEmpty()) {
                        return false;
                    }
                    EventLog.StoredEvent stored = next.getFirst();
                    failed[0] = stored.seq();
                    apply(subscriber, stored);
                    eventLog.advance(key(subscriber), stored.seq(), clock.instant());
                    return true;
                });
            } catch (RuntimeException e) {
                if (failed[0] < 0) {
                    throw e;
                }
                park(subscriber, failed[0], e, true);
                applied = true;
            }
            if (!Boolean.TRUE.equals(applied)) {
                return false;
            }
        }
        return true;
    }

    private void apply(EventSubscriber subscriber, EventLog.StoredEvent stored) {
        if (wants(subscriber, stored)) {
            subscriber.handle(List.of(eventLog.decode(stored)));
        }
    }

    /** An event of an unknown type is decoded (and fails, and is parked) rather than silently skipped. */
    private boolean wants(EventSubscriber subscriber, EventLog.StoredEvent stored) {
        if (properties.nodeScoped() && !eventLog.node().equals(stored.node())) {
            return false;
        }
        Class<? extends DomainEvent> type = EventLog.typeOf(stored);
        return type == null || subscriber.accepts(type);
    }

    /** Where the subscriber's position is kept: one per cluster, or one per node in node scope. */
    String key(EventSubscriber subscriber) {
        return properties.nodeScoped() ? subscriber.name() + "@" + eventLog.node() : subscriber.name();
    }

    String key(String subscriberName) {
        return properties.nodeScoped() ? subscriberName + "@" + eventLog.node() : subscriberName;
    }

    /** Records the failure and, for a new one, moves the subscriber past the event so the rest keeps flowing. */
    private void park(EventSubscriber subscriber, long seq, RuntimeException error, boolean moveOn) {
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> {
            long position = eventLog.lockPosition(key(subscriber));
            int attempts = eventLog.attempts(key(subscriber), seq) + 1;
            eventLog.park(key(subscriber), seq, error.toString(), now.plus(backoff(attempts)), now);
            if (moveOn && position < seq) {
                eventLog.advance(key(subscriber), seq, now);
            }
        });
        log.warn("event subscriber {} could not apply event {} (attempt {}): {}", subscriber.name(), seq,
                eventLog.attempts(key(subscriber), seq), error.toString());
    }

    private Duration backoff(int attempts) {
        long seconds = 1L << Math.min(attempts - 1, 20);
        Duration pause = Duration.ofSeconds(seconds);
        return pause.compareTo(properties.maxRetryDelay()) > 0 ? properties.maxRetryDelay() : pause;
    }

    private void retryParked(EventSubscriber subscriber) {
        List<EventLog.Failure> due = tx.execute(status -> eventLog.dueFailures(key(subscriber), clock.instant(), 20));
        for (EventLog.Failure failure : due) {
            try {
                tx.executeWithoutResult(status -> {
                    eventLog.lockPosition(key(subscriber));
                    List<EventLog.StoredEvent> stored = eventLog.read(failure.seq());
                    if (!stored.isEmpty()) {
                        apply(subscriber, stored.getFirst());
                    }
                    eventLog.resolved(key(subscriber), failure.seq());
                });
                log.info("event subscriber {} applied event {} after {} failed attempt(s)", subscriber.name(),
                        failure.seq(), failure.attempts());
            } catch (RuntimeException e) {
                park(subscriber, failure.seq(), e, false);
            }
        }
    }

    private void prune() {
        Instant now = clock.instant();
        if (Duration.between(lastPrune, now).compareTo(Duration.ofMinutes(1)) < 0) {
            return;
        }
        lastPrune = now;
        Integer deleted = tx.execute(status -> eventLog.prune(now.minus(properties.keep()), 10_000));
        if (deleted != null && deleted > 0) {
            log.debug("pruned {} applied events", deleted);
        }
    }
}
