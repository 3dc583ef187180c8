package org.parley.base.events;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.orm.jpa.EntityManagerFactoryInfo;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one way modules publish what happened. An event published inside a transaction is stored in that
 * transaction (numbered in commit order) and reaches, after the commit, every {@link EventSubscriber}
 * durably and every {@link CommittedEventsListener} live. Nothing of a rolled-back transaction is ever
 * told, and the committing thread never waits for a subscriber or takes a second connection.
 */
@Component
public class EventSpine {

    private static final Logger log = LoggerFactory.getLogger(EventSpine.class);
    private static final Object KEY = EventSpine.class.getName() + ".pending";

    private final EventLog eventLog;
    private final EntityManagerFactory entityManagers;
    private final SpineSignal signal;
    private final ObjectProvider<CommittedEventsListener> liveListeners;
    private final TaskExecutor liveExecutor;
    private final Clock clock;
    private final CommitCounter commits;

    EventSpine(EventLog eventLog, EntityManagerFactory entityManagers, SpineSignal signal,
            ObjectProvider<CommittedEventsListener> liveListeners,
            @Qualifier(SpineConfig.LIVE_EXECUTOR) TaskExecutor liveExecutor, Clock clock, CommitCounter commits) {
        this.eventLog = eventLog;
        this.entityManagers = entityManagers;
        this.signal = signal;
        this.liveListeners = liveListeners;
        this.liveExecutor = liveExecutor;
        this.clock = clock;
        this.commits = commits;
    }

    /**
     * Publishes an event with the current transaction.
     *
     * @throws IllegalStateException outside a transaction: an event must commit with the change it reports
     */
    public void publish(DomainEvent event) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("an event is published inside the transaction of its change: " + event);
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(KEY);
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.bindResource(KEY, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.add(event);
    }

    /**
     * Erasure: deletes the logged events about these records (their aggregate, or naming them in their payload),
     * in the caller's transaction. Events not applied yet are dropped with them: the person is gone.
     */
    public int forgetAbout(java.util.Collection<java.util.UUID> ids) {
        return eventLog.forgetAbout(ids);
    }

    /** The events of one transaction, merged where they can be, written just before it commits. */
    private final class Pending implements TransactionSynchronization {

        private final List<DomainEvent> events = new ArrayList<>();

        @SuppressWarnings({"unchecked", "rawtypes"})
        void add(DomainEvent event) {
            for (int i = events.size() - 1; i >= 0; i--) {
                DomainEvent earlier = events.get(i);
                if (earlier instanceof MergeableEvent m && earlier.getClass() == event.getClass()
                        && m.canAbsorb(event)) {
                    events.set(i, (DomainEvent) m.absorb((MergeableEvent) event));
                    return;
                }
            }
            events.add(event);
        }

        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResource(KEY);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(KEY, this);
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            if (events.isEmpty()) {
                return;
            }
            // entity changes first, the event numbers last: the sequence row is then held only for the commit
            EntityManager em = EntityManagerFactoryUtils.getTransactionalEntityManager(entityManagers);
            if (em != null) {
                try {
                    em.flush();
                } catch (RuntimeException e) {
                    // as a repository would report it: a lock conflict or a unique key another transaction took
                    // meanwhile is a DataAccessException the caller can retry (the dialect's translation knows
                    // which; the plain JPA one makes every constraint violation a JpaSystemException)
                    throw translated(e);
                }
            }
            eventLog.append(events, clock.instant());
        }

        private RuntimeException translated(RuntimeException e) {
            RuntimeException translated = entityManagers instanceof EntityManagerFactoryInfo info
                    && info.getJpaDialect() != null ? info.getJpaDialect().translateExceptionIfPossible(e) : null;
            if (translated == null) {
                translated = EntityManagerFactoryUtils.convertJpaAccessExceptionIfPossible(e);
            }
            return translated == null ? e : translated;
        }

        @Override
        public void afterCommit() {
            if (events.isEmpty()) {
                return;
            }
            commits.advance();
            signal.wake(events.stream().<Class<? extends DomainEvent>>map(DomainEvent::getClass).distinct().toList());
            List<DomainEvent> committed = List.copyOf(events);
            List<CommittedEventsListener> listeners = liveListeners.orderedStream().toList();
            if (listeners.isEmpty()) {
                return;
            }
            try {
                liveExecutor.execute(() -> tell(listeners, committed));
            } catch (RuntimeException overloaded) {
                // screens resynchronise on their own; the durable subscribers are not affected
                log.warn("live listeners are behind, {} events not pushed: {}", committed.size(), overloaded.toString());
            }
        }

        private void tell(List<CommittedEventsListener> listeners, List<DomainEvent> committed) {
            {
                for (CommittedEventsListener listener : listeners) {
                    try {
                        listener.committed(committed);
                    } catch (RuntimeException e) {
                        log.warn("live listener {} failed: {}", listener.getClass().getSimpleName(), e.toString());
                    }
                }
            }
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
        }
    }
}
