package org.parley.conversation.ui;

import com.vaadin.flow.data.provider.AbstractBackEndDataProvider;
import com.vaadin.flow.data.provider.Query;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import com.vaadin.flow.function.SerializableSupplier;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.InboxQueries;
import org.parley.conversation.InboxRow;
import org.parley.conversation.PageCursor;
import org.parley.conversation.Queue;
import org.parley.conversation.QueueCounts;
import org.parley.conversation.QueuePages;

/**
 * A queue for a lazy Grid, keyset-paged: the grid asks by offset, and for offset N this provider
 * continues after the row at N-1 whenever it has fetched that row before (so scrolling down costs
 * what the first page costs). Only a jump to an offset it has not seen falls back to an offset query.
 * It keeps the cursors of the rows fetched since the last refresh, bounded around the current
 * position, and nothing else. The first page of an unfiltered queue is the node's shared one ({@link QueuePages}): the
 * page every screen on that queue asks for again when a pushed change touches it.
 */
class QueueDataProvider extends AbstractBackEndDataProvider<InboxRow, Void> {

    /** Cursors kept at most; beyond this those farthest from the current request are dropped. */
    static final int MAX_CURSORS = 1000;

    private final transient InboxQueries inbox;
    private final transient QueueCounts counts;
    private final transient QueuePages pages;
    private final SerializableSupplier<Viewer> viewer;
    private Queue queue;
    /** Only conversations of these customers (a search in the list), or null for all. */
    private Set<UUID> customerIds;
    /** A saved view shown instead of the queue, or null. */
    private ViewSource view;
    private final TreeMap<Integer, PageCursor> cursors = new TreeMap<>();
    private int keysetFetches;
    private int offsetFetches;

    /** Rows and counts are only those {@code viewer} may see (the query filters them, not this class). */
    QueueDataProvider(InboxQueries inbox, QueueCounts counts, QueuePages pages, SerializableSupplier<Viewer> viewer,
            Queue queue) {
        this.inbox = inbox;
        this.counts = counts;
        this.pages = pages;
        this.viewer = viewer;
        this.queue = queue;
    }

    Queue queue() {
        return queue;
    }

    void setQueue(Queue queue) {
        this.queue = queue;
        this.view = null;
        refreshAll();
    }

    /** Where a saved view's conversations come from: ids in the view's order, and how many there are. */
    interface ViewSource extends java.io.Serializable {
        List<UUID> page(int offset, int limit);

        long count();
    }

    /** Shows a saved view instead of the queue (until {@link #setQueue} is called). */
    void setView(ViewSource view) {
        this.view = view;
        refreshAll();
    }

    boolean showsView() {
        return view != null;
    }

    /** Narrows the queue to these customers' conversations (null: no filter). */
    void setCustomerFilter(Set<UUID> customerIds) {
        this.customerIds = customerIds == null ? null : Set.copyOf(customerIds);
        refreshAll();
    }

    boolean filtered() {
        return customerIds != null;
    }

    @Override
    protected Stream<InboxRow> fetchFromBackEnd(Query<InboxRow, Void> query) {
        int offset = query.getOffset();
        int limit = query.getLimit();
        if (limit <= 0) {
            return Stream.empty();
        }
        List<InboxRow> rows;
        PageCursor after = offset == 0 ? null : cursors.get(offset - 1);
        if (view != null) {
            rows = inbox.rows(viewer.get(), view.page(offset, limit));
        } else if (offset == 0 && customerIds == null) {
            keysetFetches++;
            rows = pages.firstRows(viewer.get(), queue, limit);
        } else if (offset == 0 || after != null) {
            keysetFetches++;
            rows = inbox.page(viewer.get(), queue, customerIds, after, limit);
        } else {
            offsetFetches++;
            rows = inbox.pageAtOffset(viewer.get(), queue, customerIds, offset, limit);
        }
        remember(offset, rows);
        return rows.stream();
    }

    @Override
    protected int sizeInBackEnd(Query<InboxRow, Void> query) {
        long count = view != null ? view.count()
                : customerIds == null ? counts.count(viewer.get(), queue) // the node's shared tally
                : inbox.count(viewer.get(), queue, customerIds);
        return (int) Math.min(Integer.MAX_VALUE, count);
    }

    @Override
    public Object getId(InboxRow row) {
        return row.conversationId();
    }

    /** Forgets every cursor: the order may have changed (new activity, another queue). */
    @Override
    public void refreshAll() {
        cursors.clear();
        super.refreshAll();
    }

    private void remember(int offset, List<InboxRow> rows) {
        for (int i = 0; i < rows.size(); i++) {
            cursors.put(offset + i, rows.get(i).cursor());
        }
        if (cursors.size() > MAX_CURSORS) {
            cursors.headMap(offset - MAX_CURSORS / 2).clear();
            cursors.tailMap(offset + rows.size() + MAX_CURSORS / 2).clear();
        }
    }

    /** The position of a conversation among the rows fetched so far, if it was fetched. */
    OptionalInt indexOf(UUID conversationId) {
        for (Map.Entry<Integer, PageCursor> e : cursors.entrySet()) {
            if (e.getValue().id().equals(conversationId)) {
                return OptionalInt.of(e.getKey());
            }
        }
        return OptionalInt.empty();
    }

    /**
     * The position of a conversation in the queue: among the rows fetched so far, else looked for in the first
     * {@code scan} rows (fetched page by page along the keyset, as the grid would).
     */
    OptionalInt locate(UUID conversationId, int scan) {
        OptionalInt known = indexOf(conversationId);
        if (known.isPresent() || conversationId == null) {
            return known;
        }
        int page = 50;
        for (int offset = 0; offset < scan; offset += page) {
            List<InboxRow> rows = fetch(new Query<>(offset, page, List.of(), null, null)).toList();
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).conversationId().equals(conversationId)) {
                    return OptionalInt.of(offset + i);
                }
            }
            if (rows.size() < page) {
                break;
            }
        }
        return OptionalInt.empty();
    }

    /** The row at a position, through the same keyset path the grid uses. */
    Optional<InboxRow> rowAt(int index) {
        if (index < 0) {
            return Optional.empty();
        }
        return fetch(new Query<>(index, 1, List.of(), null, null)).findFirst();
    }

    int keysetFetches() {
        return keysetFetches;
    }

    int offsetFetches() {
        return offsetFetches;
    }
}
