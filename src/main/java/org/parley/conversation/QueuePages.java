package org.parley.conversation;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.parley.base.events.CommitCounter;
import org.parley.conversation.ConversationAccess.Viewer;
import org.springframework.stereotype.Service;

/**
 * The first page of each queue, read once per node per change and shared by every open screen that shows it: what a
 * list screen asks for when a pushed change touches its queue. Screens whose viewers see the same rows of a queue share
 * one page (every viewer who sees all; the members of a team on their team's queue; the agents with the same visible
 * teams on the unassigned queue; an agent alone on their own queues), so the database work per change does not grow
 * with the screens.
 *
 * <p>A page is current while no transaction with events committed since it was read ({@link CommitCounter}). Screens
 * asking for a page that is not current while another screen reads it wait for that read and share it; a change is
 * read at most once per page, whatever the number of screens. Deeper pages and filtered lists stay with
 * {@link InboxQueries}.
 */
@Service
public class QueuePages {

    /** Pages kept at most; beyond this those not asked for in the last minutes are dropped. */
    static final int MAX_PAGES = 4096;
    private static final long IDLE_NANOS = 5L * 60 * 1_000_000_000L;

    private final InboxQueries inbox;
    private final CommitCounter commits;
    private final ConcurrentHashMap<Key, Slot> slots = new ConcurrentHashMap<>();
    private final AtomicLong reads = new AtomicLong();

    QueuePages(InboxQueries inbox, CommitCounter commits) {
        this.inbox = inbox;
        this.commits = commits;
    }

    /**
     * The newest {@code limit} rows of the queue the viewer may see, as of the latest change this node knows of: the
     * same rows as {@link InboxQueries#page(Viewer, Queue, PageCursor, int)} from the start.
     */
    public List<InboxRow> firstRows(Viewer viewer, Queue queue, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        Key key = Key.of(viewer, queue);
        Slot slot = slots.computeIfAbsent(key, k -> new Slot());
        slot.lastUsedNanos = System.nanoTime();
        long needed = commits.current();
        Page page = slot.page;
        if (page == null || !page.serves(needed, limit)) {
            slot.reading.lock();
            try {
                page = slot.page;
                if (page == null || !page.serves(needed, limit)) {
                    // the generation before the read: a change committed while it runs makes the page stale again
                    long generation = commits.current();
                    int size = page == null ? limit : Math.max(limit, page.limit());
                    page = new Page(generation, size, List.copyOf(inbox.page(key.viewer(), queue, null, size)));
                    slot.page = page;
                    reads.incrementAndGet();
                }
            } finally {
                slot.reading.unlock();
            }
        }
        if (slots.size() > MAX_PAGES) {
            dropIdle();
        }
        List<InboxRow> rows = page.rows();
        return rows.size() <= limit ? rows : rows.subList(0, limit);
    }

    /** How many pages were read from the database (for tests and the benchmark: it does not grow with the screens). */
    public long reads() {
        return reads.get();
    }

    private void dropIdle() {
        long now = System.nanoTime();
        slots.values().removeIf(s -> now - s.lastUsedNanos > IDLE_NANOS);
        if (slots.size() > MAX_PAGES) {
            slots.clear();
        }
    }

    /**
     * Whose rows a page is: the queue, and of the viewer only what decides which of its conversations are visible.
     *
     * @param agentId the agent whose own assignments are in the page, or null when that does not matter
     * @param seesAll the visibility rule lets every conversation of the queue through
     * @param teamIds the teams whose conversations are visible (when not {@code seesAll})
     */
    record Key(Queue queue, UUID agentId, boolean seesAll, Set<UUID> teamIds) {

        static Key of(Viewer viewer, Queue queue) {
            if (queue.ownOnly()) {
                // the viewer's own assignments: visible by definition, the filter names the agent
                return new Key(queue, viewer.agentId(), false, Set.of());
            }
            boolean teamQueue = queue.kind() == Queue.Kind.TEAM || queue.kind() == Queue.Kind.TEAM_NEEDS_REPLY;
            Set<UUID> visible = viewer.visibleTeamIds();
            if (viewer.seesAll() || (teamQueue && visible.contains(queue.teamId()))) {
                return new Key(queue, null, true, Set.of());
            }
            // nobody is assigned to an unassigned conversation: the rule's "assigned to me" lets none through
            UUID agentId = queue.kind() == Queue.Kind.UNASSIGNED ? null : viewer.agentId();
            return new Key(queue, agentId, false, Set.copyOf(visible));
        }

        /** A viewer who sees exactly the rows of this key. */
        Viewer viewer() {
            return new Viewer(agentId, seesAll, teamIds, Set.of());
        }
    }

    private record Page(long generation, int limit, List<InboxRow> rows) {

        boolean serves(long needed, int asked) {
            return generation >= needed && asked <= limit;
        }
    }

    private static final class Slot {

        final ReentrantLock reading = new ReentrantLock();
        volatile Page page;
        volatile long lastUsedNanos;
    }
}
