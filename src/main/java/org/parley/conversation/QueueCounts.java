package org.parley.conversation;

import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.parley.base.events.CommitCounter;
import org.parley.conversation.ConversationAccess.Viewer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Queue counts for open screens, computed once per node per change and shared by every screen: two grouped queries
 * (the active conversations by team, assignee, status, waiting and snooze; the settled ones by team and assignee)
 * give a tally from which each viewer's count of each queue is summed in memory, by the same visibility rule as the
 * queue queries ({@link ConversationAccess#canSee(Viewer, UUID, UUID)}). The database work per change is the same
 * whether one screen is open or two hundred.
 *
 * <p>A tally is current while no transaction with events committed since it was computed ({@link CommitCounter}); a
 * reader needing a newer one waits for the next computation, which starts at most once per
 * {@code parley.live.min-push-interval} and serves everyone waiting. Exact counts for one viewer (REST, a filtered
 * list) stay in {@link InboxQueries#count}.
 */
@Service
public class QueueCounts {

    private static final String ACTIVE_TALLY = "select c.teamId, c.assigneeId, c.status, c.awaitingReply, c.snoozed, "
            + "count(c) from Conversation c where c.status in (org.parley.conversation.ConversationStatus.OPEN, "
            + "org.parley.conversation.ConversationStatus.PENDING) "
            + "group by c.teamId, c.assigneeId, c.status, c.awaitingReply, c.snoozed";
    private static final String SETTLED_TALLY = "select c.teamId, c.assigneeId, count(c) from Conversation c "
            + "where c.status in (org.parley.conversation.ConversationStatus.RESOLVED, "
            + "org.parley.conversation.ConversationStatus.CLOSED) and c.mergedInto is null group by c.teamId, c.assigneeId";

    private final EntityManager em;
    private final TransactionTemplate readOnly;
    private final CommitCounter commits;
    private final ConversationAccess access;
    private final long minIntervalNanos;
    private final ReentrantLock computing = new ReentrantLock();
    private volatile Tally tally;
    private volatile long computations;

    QueueCounts(EntityManager em, PlatformTransactionManager transactions, CommitCounter commits,
            ConversationAccess access, @Value("${parley.live.min-push-interval:250ms}") Duration minInterval) {
        this.em = em;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.commits = commits;
        this.access = access;
        this.minIntervalNanos = Math.max(0, minInterval.toNanos());
    }

    /** How many conversations of the queue the viewer may see, as of the latest change this node knows of. */
    public long count(Viewer viewer, Queue queue) {
        return current().count(viewer, queue, access);
    }

    /**
     * The count by the latest tally, without waiting for a newer one (it may miss the changes of the last push
     * interval): for a screen that must show something else at once and reads the exact counts in its next push.
     */
    public long latestCount(Viewer viewer, Queue queue) {
        Tally known = tally;
        return known != null ? known.count(viewer, queue, access) : count(viewer, queue);
    }

    /** How often the tally was computed (for tests and the benchmark: it does not grow with the screens). */
    public long computations() {
        return computations;
    }

    private Tally current() {
        long needed = commits.current();
        Tally known = tally;
        if (known != null && known.generation >= needed) {
            return known;
        }
        computing.lock();
        try {
            known = tally;
            if (known != null && known.generation >= needed) {
                return known; // computed by another reader meanwhile
            }
            if (known != null) {
                long wait = known.computedAtNanos + minIntervalNanos - System.nanoTime();
                if (wait > 0) {
                    // a burst of changes is tallied once per interval, whatever the number of screens asking
                    Thread.sleep(Duration.ofNanos(wait));
                }
            }
            long generation = commits.current();
            Tally fresh = readOnly.execute(status -> compute(generation));
            tally = fresh;
            computations++;
            return fresh;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the queue counts were computed", e);
        } finally {
            computing.unlock();
        }
    }

    private Tally compute(long generation) {
        List<Group> groups = new ArrayList<>();
        for (Object[] row : em.createQuery(ACTIVE_TALLY, Object[].class).getResultList()) {
            groups.add(new Group((UUID) row[0], (UUID) row[1], (ConversationStatus) row[2], (Boolean) row[3],
                    (Boolean) row[4], ((Number) row[5]).longValue()));
        }
        for (Object[] row : em.createQuery(SETTLED_TALLY, Object[].class).getResultList()) {
            groups.add(new Group((UUID) row[0], (UUID) row[1], ConversationStatus.RESOLVED, false, false,
                    ((Number) row[2]).longValue()));
        }
        return new Tally(generation, System.nanoTime(), List.copyOf(groups));
    }

    /** Conversations alike in everything a queue or the visibility rule reads, and how many there are. */
    private record Group(UUID teamId, UUID assigneeId, ConversationStatus status, boolean awaitingReply,
            boolean snoozed, long count) {
    }

    private record Tally(long generation, long computedAtNanos, List<Group> groups) {

        long count(Viewer viewer, Queue queue, ConversationAccess access) {
            long sum = 0;
            for (Group g : groups) {
                if (queue.holds(g.status(), g.teamId(), g.assigneeId(), g.awaitingReply(), g.snoozed(), viewer.agentId())
                        && (queue.ownOnly() || access.canSee(viewer, g.teamId(), g.assigneeId()))) {
                    sum += g.count();
                }
            }
            return sum;
        }
    }
}
