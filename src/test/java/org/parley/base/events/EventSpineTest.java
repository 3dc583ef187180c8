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

    /** Records what it applies; fails the first {@code failTimes} attempts of an event. */
    static class Recorder implements EventSubscriber {
        final List<String> applied = new CopyOnWriteArrayList<>();
        final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

        @Override
        public String name() {
            return "test-recorder";
        }

        @Override
        public boolean accepts(Class<? extends DomainEvent> type) {
            return type == Ping.class;
        }

        @Override
        public void handle(List<DomainEvent> events) {
            for (DomainEvent event : events) {
                Ping ping = (Ping) event;
                String key = ping.run() + "/" + ping.n();
                if (attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() <= ping.failTimes()) {
                    throw new IllegalStateException("failing " + key + " on purpose");
                }
            }
            for (DomainEvent event : events) {
                Ping ping = (Ping) event;
                applied.add(ping.run() + "/" + ping.n());
            }
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
