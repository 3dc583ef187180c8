package org.parley.base.events;

import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * How far the subscribers got: for start-up work that must not race them (the demo creates its routing
 * rules only after routing has applied the events of the seeded history, so no rule routes the past).
 */
@Component
public class SpineProgress {

    private final EventLog eventLog;
    private final EventDispatcher dispatcher;

    SpineProgress(EventLog eventLog, EventDispatcher dispatcher) {
        this.eventLog = eventLog;
        this.dispatcher = dispatcher;
    }

    /**
     * Waits until the named subscriber has applied every event committed so far.
     *
     * @return false when it had not within {@code timeout}
     */
    public boolean awaitApplied(String subscriber, Duration timeout) {
        long head = eventLog.head();
        String key = dispatcher.key(subscriber);
        Instant deadline = Instant.now().plus(timeout);
        while (eventLog.positions().getOrDefault(key, head) < head) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
