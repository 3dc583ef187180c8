package org.parley.base.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;
import org.parley.base.events.EventSpineTest.Clash;
import org.parley.base.events.EventSpineTest.Ping;
import org.parley.base.events.EventSpineTest.Slow;

/** A commit wakes the subscribers that take one of its events, and only those. */
class SpineSignalTest {

    private final SpineSignal signal = new SpineSignal();
    private final Semaphore pings = signal.register(type -> type == Ping.class);
    private final Semaphore clashes = signal.register(type -> type == Clash.class);

    @Test
    void aCommitWakesOnlyTheSubscribersThatTakeOneOfItsEvents() {
        signal.wake(List.of(Ping.class, Slow.class));
        assertThat(pings.availablePermits()).isEqualTo(1);
        assertThat(clashes.availablePermits()).isZero();

        signal.wake(List.of(Slow.class));
        assertThat(clashes.availablePermits()).isZero();

        signal.wake(List.of(Slow.class, Clash.class));
        assertThat(clashes.availablePermits()).isEqualTo(1);
    }

    @Test
    void aSubscriberNotYetAwakeHoldsOneWakeUpHoweverManyCommitsCame() {
        signal.wake(List.of(Ping.class));
        signal.wake(List.of(Ping.class));
        assertThat(pings.availablePermits()).isEqualTo(1);
    }
}
