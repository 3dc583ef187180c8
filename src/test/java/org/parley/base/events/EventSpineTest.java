package org.parley.base.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.parley.support.ParleySpringTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The spine's guarantees: a subscriber sees committed events once, in order, never rolled-back ones; one that
 * fails is retried while the node runs (no restart), and the failure is visible until the retry succeeds.
 */
@ParleySpringTest
@Import(EventSpineTest.Subscribers.class)
class EventSpineTest {

    /** A test event: which run and which number. */
    record Ping(String run, int n, int failTimes) implements DomainEvent {
    }

    /** A test event whose first {@code conflictTimes} attempts meet a concurrent change (an optimistic lock). */
    record Clash(String run, int n, int conflictTimes) implements DomainEvent {
    }

    /** A test event that takes its time to apply. */
    record Slow(String run, int n, long millis) implements DomainEvent {
    }

    /**
     * Records what it applies, and which events it applied together; fails the first {@code failTimes} attempts of
     * a {@link Ping}, and the first {@code conflictTimes} of a {@link Clash} as a concurrent change would.
     */
    static class Recorder implements EventSubscriber {
        final List<String> applied = new CopyOnWriteArrayList<>();
        final List<List<String>> together = new CopyOnWriteArrayList<>();
        final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        final List<String> begun = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "test-recorder";
        }

        @Override
        public boolean accepts(Class<? extends DomainEvent> type) {
            return type == Ping.class || type == Clash.class || type == Slow.class;
        }

        @Override
        public void handle(List<DomainEvent> events) {
            for (DomainEvent event : events) {
                String key = key(event);
                int attempt = attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                if (event instanceof Ping ping && attempt <= ping.failTimes()) {
                    throw new IllegalStateException("failing " + key + " on purpose");
                }
                if (event instanceof Clash clash && attempt <= clash.conflictTimes()) {
                    throw new org.springframework.dao.OptimisticLockingFailureException(key + " changed meanwhile");
                }
                if (event instanceof Slow slow) {
                    begun.add(key);
                    try {
                        Thread.sleep(slow.millis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }
            }
            List<String> keys = events.stream().map(Recorder::key).toList();
            applied.addAll(keys);
            together.add(keys);
        }

        private static String key(DomainEvent event) {
            return switch (event) {
                case Ping ping -> ping.run() + "/" + ping.n();
                case Clash clash -> clash.run() + "/" + clash.n();
                case Slow slow -> slow.run() + "/" + slow.n();
                default -> throw new IllegalArgumentException(event.toString());
            };
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Subscribers {
        @Bean
        Recorder recorder() {
            return new Recorder();
        }
    }

    @Autowired
    EventSpine spine;
    @Autowired
    Recorder recorder;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    SpineHealth health;
    @Autowired
    EventDispatcher dispatcher;
    @Autowired
    SpineProgress progress;

    @Test
    void committedEventsArriveOnceInOrderAndRolledBackOnesNever() {
        String run = UUID.randomUUID().toString();
        tx.executeWithoutResult(s -> {
            spine.publish(new Ping(run, 1, 0));
            spine.publish(new Ping(run, 2, 0));
        });
        try {
            tx.executeWithoutResult(s -> {
                spine.publish(new Ping(run, 99, 0));
                throw new IllegalStateException("roll back");
            });
        } catch (IllegalStateException expected) {
            // the event of this transaction must never be seen
        }
        tx.executeWithoutResult(s -> spine.publish(new Ping(run, 3, 0)));

        await().atMost(Duration.ofSeconds(20)).until(() -> applied(run).size() == 3);
        assertThat(applied(run)).containsExactly(run + "/1", run + "/2", run + "/3");
    }

    @Test
    void aBatchThatMeetsAConcurrentChangeIsAppliedAgainWhole() {
        String run = UUID.randomUUID().toString();
        tx.executeWithoutResult(s -> {
            spine.publish(new Ping(run, 1, 0));
            spine.publish(new Clash(run, 2, 1));
            spine.publish(new Ping(run, 3, 0));
        });

        await().atMost(Duration.ofSeconds(20)).until(() -> applied(run).size() == 3);
        assertThat(applied(run)).containsExactly(run + "/1", run + "/2", run + "/3");
        // the batch again, not its events one by one after the conflict
        assertThat(recorder.together).anySatisfy(handout -> assertThat(handout)
                .containsSubsequence(run + "/1", run + "/2", run + "/3"));
        assertThat(recorder.attempts.get(run + "/2").get()).isEqualTo(2);
        assertThat(health.lag("test-recorder").failed()).isZero();
    }

    @Test
    void aStopWaitsForTheBatchUnderWay() {
        String run = UUID.randomUUID().toString();
        tx.executeWithoutResult(s -> spine.publish(new Slow(run, 1, 1500)));
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.begun.contains(run + "/1"));
        try {
            // as when the node shuts down: what the context closes next is still there for the batch
            dispatcher.stop();
            assertThat(applied(run)).containsExactly(run + "/1");
            assertThat(progress.awaitApplied("test-recorder", Duration.ZERO)).as("its position committed").isTrue();
        } finally {
            dispatcher.start();
        }
    }

    @Test
    void eventsCommittedWhileTheSubscribersStoodStillAreAppliedOnceAfterTheStart() throws InterruptedException {
        String run = UUID.randomUUID().toString();
        // as a test context Spring pauses and resumes, and a node's restart: stops and starts in quick succession
        // while events keep coming, then a longer stop
        for (int i = 1; i <= 5; i++) {
            int n = i;
            dispatcher.stop();
            tx.executeWithoutResult(s -> spine.publish(new Ping(run, n, 0)));
            dispatcher.start();
        }
        dispatcher.stop();
        try {
            tx.executeWithoutResult(s -> spine.publish(new Ping(run, 6, 0)));
            Thread.sleep(500);
            assertThat(applied(run)).doesNotContain(run + "/6");
        } finally {
            dispatcher.start();
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> applied(run).size() == 6);
        assertThat(applied(run)).containsExactly(run + "/1", run + "/2", run + "/3", run + "/4", run + "/5",
                run + "/6");
        assertThat(progress.awaitApplied("test-recorder", Duration.ofSeconds(20))).isTrue();
    }

    @Test
    void aSubscriberThatFailsIsRetriedWhileTheNodeRunsAndTheFailureIsVisibleMeanwhile() {
        String run = UUID.randomUUID().toString();
        // fails in its batch and alone: parked, then retried after a pause; its neighbours are not held up
        tx.executeWithoutResult(s -> {
            spine.publish(new Ping(run, 1, 0));
            spine.publish(new Ping(run, 2, 3));
            spine.publish(new Ping(run, 3, 0));
        });

        await().atMost(Duration.ofSeconds(20)).until(() -> applied(run).containsAll(List.of(run + "/1", run + "/3")));
        await().atMost(Duration.ofSeconds(30)).until(() -> applied(run).contains(run + "/2"));
        assertThat(applied(run)).containsExactlyInAnyOrder(run + "/1", run + "/2", run + "/3");
        assertThat(recorder.attempts.get(run + "/2").get()).isGreaterThanOrEqualTo(4);
        await().atMost(Duration.ofSeconds(5)).until(() -> health.lag("test-recorder").failed() == 0);
        assertThat(health.health().getDetails()).containsKeys("backlog", "failed", "subscribers");
    }

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @Test
    void theHealthEndpointShowsTheBacklogToAnAdminTokenAndOnlyTheStatusToEveryoneElse() {
        var anonymous = new org.parley.support.ApiClient(port, null).get("/actuator/health");
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.json().path("status").asString()).isEqualTo("UP");
        assertThat(anonymous.body()).doesNotContain("eventSpine");

        var admin = new org.parley.support.ApiClient(port, ParleySpringTest.TOKEN).get("/actuator/health");
        assertThat(admin.json().path("components").path("eventSpine").path("details").has("backlog")).isTrue();
        assertThat(new org.parley.support.ApiClient(port, null).get("/actuator/metrics/parley.events.backlog")
                .status()).isEqualTo(401);
        assertThat(new org.parley.support.ApiClient(port, ParleySpringTest.TOKEN)
                .get("/actuator/metrics/parley.events.backlog").status()).isEqualTo(200);
    }

    @Test
    void publishingOutsideATransactionIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> spine.publish(new Ping("x", 1, 0)))
                .isInstanceOf(IllegalStateException.class);
    }

    private List<String> applied(String run) {
        return recorder.applied.stream().filter(a -> a.startsWith(run + "/")).toList();
    }
}
