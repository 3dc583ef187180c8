package org.parley.base.events;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts the transactions with events this node committed, and the events it heard of from other nodes: what a
 * node computes once and shares (queue counts for every open screen) is current while this number has not moved
 * since it was computed. It moves in the committing thread, right after the commit, so the screen that made a
 * change reads its effect at once.
 */
@Component
public class CommitCounter {

    private final AtomicLong count = new AtomicLong();

    public long current() {
        return count.get();
    }

    public void advance() {
        count.incrementAndGet();
    }

    /**
     * For a change screens show but no event reports (an assignee opening a conversation): what was computed before
     * it is not current after the transaction commits (at once outside a transaction).
     */
    public void advanceAfterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            advance();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                advance();
            }
        });
    }
}
