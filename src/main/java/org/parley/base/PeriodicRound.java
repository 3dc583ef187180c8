package org.parley.base;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.TaskScheduler;

/**
 * Periodic work on Parley's scheduler, one round at a time. Scheduled at a fixed rate, so each round runs on its
 * own virtual thread: {@code SimpleAsyncTaskScheduler} runs fixed-delay tasks on its single scheduler thread,
 * where one slow round would stall every other periodic task. A round due while the previous one still runs is
 * skipped; a failed round is logged and the next one tries again.
 */
public final class PeriodicRound {

    private static final Logger log = LoggerFactory.getLogger(PeriodicRound.class);

    private final String name;
    private final Runnable work;
    private final TaskScheduler scheduler;
    private final ReentrantLock running = new ReentrantLock();
    private volatile ScheduledFuture<?> schedule;

    public PeriodicRound(String name, TaskScheduler scheduler, Runnable work) {
        this.name = name;
        this.scheduler = scheduler;
        this.work = work;
    }

    /** Rounds every {@code every}, the first after one interval. */
    public void start(Duration every) {
        schedule = scheduler.scheduleAtFixedRate(this::runOnce, Instant.now().plus(every), every);
    }

    /** A round now, on the scheduler (e.g. woken by a commit), unless one is running. */
    public void wakeUp() {
        scheduler.schedule(this::runOnce, Instant.now());
    }

    /** No further rounds; waits for a round in progress to finish. */
    public void stop() {
        ScheduledFuture<?> s = schedule;
        schedule = null;
        if (s != null) {
            s.cancel(false);
            running.lock();
            running.unlock();
        }
    }

    public boolean isStarted() {
        return schedule != null;
    }

    void runOnce() {
        if (!running.tryLock()) {
            return;
        }
        try {
            work.run();
        } catch (RuntimeException e) {
            log.warn("{} round failed, the next one tries again: {}", name, e.toString());
        } finally {
            running.unlock();
        }
    }
}
