package org.parley.conversation;

import java.time.Clock;
import java.time.Duration;
import org.parley.base.PeriodicRound;
import org.parley.conversation.ConversationAccess.Viewer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Wakes snoozed conversations whose time has come: a {@link PeriodicRound} on Parley's scheduler every
 * {@code parley.snooze.wake-interval} (default 5 s), in batches of {@code parley.snooze.wake-batch} (200) locked
 * with {@code FOR UPDATE SKIP LOCKED}, so several nodes may run it. {@code parley.snooze.wake-enabled=false}
 * turns it off on a node. Time comes from the application's {@link Clock}.
 */
@Component
class SnoozeAlarm implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SnoozeAlarm.class);

    private final Snoozes snoozes;
    private final Clock clock;
    private final PeriodicRound round;
    private final boolean enabled;
    private final Duration interval;
    private final int batch;

    SnoozeAlarm(Snoozes snoozes, Clock clock, @Qualifier("parleyScheduler") TaskScheduler scheduler,
            @Value("${parley.snooze.wake-enabled:true}") boolean enabled,
            @Value("${parley.snooze.wake-interval:5s}") Duration interval,
            @Value("${parley.snooze.wake-batch:200}") int batch) {
        this.snoozes = snoozes;
        this.clock = clock;
        this.enabled = enabled;
        this.interval = interval;
        this.batch = Math.max(1, batch);
        this.round = new PeriodicRound("snooze", scheduler, this::wakeDue);
    }

    /** One round: wakes everything due now, a batch per transaction. */
    void wakeDue() {
        int woken;
        do {
            woken = snoozes.wakeDue(Viewer.SYSTEM, clock.instant(), batch);
            if (woken > 0) {
                log.debug("woke {} snoozed conversation(s)", woken);
            }
        } while (woken == batch);
    }

    @Override
    public void start() {
        if (!enabled) {
            log.info("waking snoozed conversations is disabled on this node (parley.snooze.wake-enabled=false)");
            return;
        }
        round.start(Duration.ofMillis(Math.max(100, interval.toMillis())));
    }

    @Override
    public void stop() {
        round.stop();
    }

    @Override
    public boolean isRunning() {
        return round.isStarted();
    }
}
