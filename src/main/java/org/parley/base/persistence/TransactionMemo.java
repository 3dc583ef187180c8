package org.parley.base.persistence;

import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A value read at most once per transaction: the first {@link #get} of a transaction reads it, later ones in the
 * same transaction answer the same value, and the next transaction reads it again. For small tables that every
 * event of a subscriber's batch consults (the routing rules, the webhook subscriptions): one read per batch
 * instead of one per event, and a change made elsewhere is seen by the next batch. Outside a transaction every
 * call reads.
 */
public final class TransactionMemo<T> {

    private final Object key = new Object();

    public T get(Supplier<T> read) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return read.get();
        }
        @SuppressWarnings("unchecked")
        Held<T> held = (Held<T>) TransactionSynchronizationManager.getResource(key);
        if (held != null) {
            return held.value();
        }
        T value = read.get();
        TransactionSynchronizationManager.bindResource(key, new Held<>(value));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(key);
            }
        });
        return value;
    }

    /** The current transaction changed what is remembered: its next {@link #get} reads again. */
    public void forget() {
        TransactionSynchronizationManager.unbindResourceIfPossible(key);
    }

    /** Wrapped so that a remembered null is told apart from nothing remembered. */
    private record Held<T>(T value) {
    }
}
