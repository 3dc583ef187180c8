package org.parley.base.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import org.springframework.stereotype.Component;

/** Wakes the subscribers when this node committed events, so they need not wait for their next poll. */
@Component
class SpineSignal {

    private final List<Semaphore> waiters = new CopyOnWriteArrayList<>();

    Semaphore register() {
        Semaphore s = new Semaphore(0);
        waiters.add(s);
        return s;
    }

    void wake() {
        for (Semaphore s : waiters) {
            if (s.availablePermits() == 0) {
                s.release();
            }
        }
    }
}
