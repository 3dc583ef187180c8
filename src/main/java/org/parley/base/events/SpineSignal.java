package org.parley.base.events;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * Wakes the subscribers when this node committed events they take, so they need not wait for their next poll. A
 * subscriber that takes none of a commit's events is not woken for it: it goes past them at its next poll, together
 * with whatever else came meanwhile, instead of spending a transaction on each commit it has nothing to do for.
 */
@Component
class SpineSignal {

    private record Waiter(Semaphore wakeUp, Predicate<Class<? extends DomainEvent>> takes) {
    }

    private final List<Waiter> waiters = new CopyOnWriteArrayList<>();

    /** A wake-up released when a commit holds an event of a type {@code takes} accepts. */
    Semaphore register(Predicate<Class<? extends DomainEvent>> takes) {
        Semaphore s = new Semaphore(0);
        waiters.add(new Waiter(s, takes));
        return s;
    }

    void wake(Collection<Class<? extends DomainEvent>> committedTypes) {
        for (Waiter waiter : waiters) {
            if (waiter.wakeUp().availablePermits() == 0 && committedTypes.stream().anyMatch(waiter.takes())) {
                waiter.wakeUp().release();
            }
        }
    }
}
