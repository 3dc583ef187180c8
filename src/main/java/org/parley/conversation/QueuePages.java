package org.parley.conversation;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
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
 * <p>A page is current while no transaction with events committed since it was read ({@link SharedReads}): a change
 * is read at most once per page, whatever the number of screens. Deeper pages and filtered lists stay with
 * {@link InboxQueries}.
 */
@Service
public class QueuePages {

    /** Pages kept at most; beyond this those not asked for in the last minutes are dropped. */
    static final int MAX_PAGES = 4096;

    private final InboxQueries inbox;
    private final SharedReads<Key, Page> pages;

    QueuePages(InboxQueries inbox, CommitCounter commits) {
        this.inbox = inbox;
        this.pages = new SharedReads<>(commits, MAX_PAGES, Duration.ofMinutes(5));
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
        Page page = pages.get(key, held -> limit <= held.limit(), earlier -> {
            int size = earlier == null ? limit : Math.max(limit, earlier.limit());
            return new Page(size, List.copyOf(inbox.page(key.viewer(), queue, null, size)));
        });
        List<InboxRow> rows = page.rows();
        return rows.size() <= limit ? rows : rows.subList(0, limit);
    }

    /** How many pages were read from the database (for tests and the benchmark: it does not grow with the screens). */
    public long reads() {
        return pages.reads();
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

    private record Page(int limit, List<InboxRow> rows) {
    }
}
