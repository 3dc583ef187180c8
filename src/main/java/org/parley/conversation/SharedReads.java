package org.parley.conversation;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.parley.base.events.CommitCounter;

/**
 * What a node reads once per change and shares with every screen that asks for the same key: a value is current
 * while no transaction with events committed since it was read ({@link CommitCounter}). Callers asking for a value
 * that is not current while another one reads it wait for that read and share it. Keys nobody asked for within the
 * idle time are dropped once there are more than the maximum.
 */
final class SharedReads<K, V> {

    private final CommitCounter commits;
    private final int maxKeys;
    private final long idleNanos;
    private final ConcurrentHashMap<K, Slot<V>> slots = new ConcurrentHashMap<>();
    private final AtomicLong reads = new AtomicLong();

    SharedReads(CommitCounter commits, int maxKeys, java.time.Duration idle) {
        this.commits = commits;
        this.maxKeys = maxKeys;
        this.idleNanos = idle.toNanos();
    }

    /**
     * The value of the key as of the latest change this node knows of.
     *
     * @param serves whether a current value answers what is asked (e.g. holds enough rows)
     * @param read reads the value anew, given the earlier one (null at first)
     */
    V get(K key, Predicate<V> serves, UnaryOperator<V> read) {
        Slot<V> slot = slots.computeIfAbsent(key, k -> new Slot<>());
        slot.lastUsedNanos = System.nanoTime();
        long needed = commits.current();
        Versioned<V> held = slot.held;
        if (held == null || held.generation() < needed || !serves.test(held.value())) {
            slot.reading.lock();
            try {
                held = slot.held;
                if (held == null || held.generation() < needed || !serves.test(held.value())) {
                    // the generation before the read: a change committed while it runs makes the value stale again
                    long generation = commits.current();
                    held = new Versioned<>(generation, read.apply(held == null ? null : held.value()));
                    slot.held = held;
                    reads.incrementAndGet();
                }
            } finally {
                slot.reading.unlock();
            }
        }
        if (slots.size() > maxKeys) {
            dropIdle();
        }
        return held.value();
    }

    /** How many values were read (for tests and the benchmark: it does not grow with the screens). */
    long reads() {
        return reads.get();
    }

    private void dropIdle() {
        long now = System.nanoTime();
        slots.values().removeIf(s -> now - s.lastUsedNanos > idleNanos);
        if (slots.size() > maxKeys) {
            slots.clear();
        }
    }

    private record Versioned<V>(long generation, V value) {
    }

    private static final class Slot<V> {

        final ReentrantLock reading = new ReentrantLock();
        volatile Versioned<V> held;
        volatile long lastUsedNanos;
    }
}
