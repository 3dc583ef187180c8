package org.parley.base.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

class TransactionMemoTest {

    /** Transactions with synchronization and nothing else. */
    private static final class Transactions extends AbstractPlatformTransactionManager {
        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
        }
    }

    private final TransactionTemplate transaction = new TransactionTemplate(new Transactions());
    private final TransactionMemo<Integer> memo = new TransactionMemo<>();
    private final AtomicInteger reads = new AtomicInteger();

    private Integer read() {
        return reads.incrementAndGet();
    }

    @Test
    void aTransactionReadsOnceAndTheNextOneReadsAgain() {
        transaction.executeWithoutResult(status -> {
            assertThat(memo.get(this::read)).isEqualTo(1);
            assertThat(memo.get(this::read)).isEqualTo(1);
        });
        transaction.executeWithoutResult(status -> assertThat(memo.get(this::read)).isEqualTo(2));
        assertThat(reads).hasValue(2);
    }

    @Test
    void aRolledBackTransactionLeavesNothingBehind() {
        transaction.executeWithoutResult(status -> {
            memo.get(this::read);
            status.setRollbackOnly();
        });
        transaction.executeWithoutResult(status -> assertThat(memo.get(this::read)).isEqualTo(2));
    }

    @Test
    void forgettingMakesTheSameTransactionReadAgain() {
        transaction.executeWithoutResult(status -> {
            memo.get(this::read);
            memo.forget();
            assertThat(memo.get(this::read)).isEqualTo(2);
            assertThat(memo.get(this::read)).isEqualTo(2);
        });
    }

    @Test
    void outsideATransactionEveryCallReads() {
        memo.get(this::read);
        memo.get(this::read);
        assertThat(reads).hasValue(2);
    }

    @Test
    void aRememberedNullIsRemembered() {
        TransactionMemo<String> nothing = new TransactionMemo<>();
        transaction.executeWithoutResult(status -> {
            assertThat(nothing.get(() -> {
                reads.incrementAndGet();
                return null;
            })).isNull();
            nothing.get(() -> {
                reads.incrementAndGet();
                return null;
            });
        });
        assertThat(reads).hasValue(1);
    }
}
