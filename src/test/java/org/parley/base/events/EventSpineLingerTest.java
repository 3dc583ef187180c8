package org.parley.base.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.parley.base.events.EventSpineTest.Ping;
import org.parley.base.events.EventSpineTest.Recorder;
import org.parley.support.ParleySpringTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The linger ({@code parley.events.linger}): a subscriber that has just applied events waits before it looks again,
 * so events committed one by one meanwhile come to it in one handout — and it still applies everything, also across
 * a stop and a start. A long linger here, so that two commits in a row always fall into it.
 */
@ParleySpringTest
@Import(EventSpineTest.Subscribers.class)
@TestPropertySource(properties = "parley.events.linger=700ms")
class EventSpineLingerTest {

    @Autowired
    EventSpine spine;
    @Autowired
    Recorder recorder;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    EventDispatcher dispatcher;

    @Test
    void eventsCommittedOneByOneWhileTheSubscriberLingersAreAppliedInOneHandout() throws InterruptedException {
        String run = UUID.randomUUID().toString();
        tx.executeWithoutResult(s -> spine.publish(new Ping(run, 1, 0)));
        await().atMost(Duration.ofSeconds(20)).until(() -> applied(run).size() == 1);
        // the subscriber has just applied the first one and lingers: these two, each committed on its own and
        // 200 ms apart (without the linger the second one's commit wakes it and it applies that one alone), come
        // to it together
        tx.executeWithoutResult(s -> spine.publish(new Ping(run, 2, 0)));
        Thread.sleep(200);
        tx.executeWithoutResult(s -> spine.publish(new Ping(run, 3, 0)));

        await().atMost(Duration.ofSeconds(20)).until(() -> applied(run).size() == 3);
        assertThat(handouts(run)).containsExactly(List.of(run + "/1"), List.of(run + "/2", run + "/3"));
    }

    @Test
    void aStopDuringTheLingerLosesNothingAndTheStartAppliesWhatCameMeanwhile() {
        String run = UUID.randomUUID().toString();
        tx.executeWithoutResult(s -> spine.publish(new Ping(run, 1, 0)));
        await().atMost(Duration.ofSeconds(20)).until(() -> applied(run).size() == 1);
        dispatcher.stop(); // as when Spring pauses a cached test context: the subscriber is lingering now
        try {
            tx.executeWithoutResult(s -> spine.publish(new Ping(run, 2, 0)));
        } finally {
            dispatcher.start();
        }
        tx.executeWithoutResult(s -> spine.publish(new Ping(run, 3, 0)));

        await().atMost(Duration.ofSeconds(20)).until(() -> applied(run).size() == 3);
        assertThat(applied(run)).containsExactly(run + "/1", run + "/2", run + "/3");
    }

    private List<String> applied(String run) {
        return recorder.applied.stream().filter(key -> key.startsWith(run)).toList();
    }

    private List<List<String>> handouts(String run) {
        return recorder.together.stream().filter(keys -> !keys.isEmpty() && keys.getFirst().startsWith(run)).toList();
    }
}
