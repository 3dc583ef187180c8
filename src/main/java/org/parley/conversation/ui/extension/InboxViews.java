package org.parley.conversation.ui.extension;

import java.util.List;
import java.util.UUID;
import org.parley.conversation.ConversationAccess.Viewer;

/**
 * Saved views among the inbox's queues: a query and a sort, personal or shared with a team, with a live count.
 * Implemented by the search module.
 */
public interface InboxViews {

    /** The views the viewer sees (their counts come from {@link #count}, refreshed with the queues'). */
    List<Entry> views(Viewer viewer);

    /** How many conversations the view holds for the viewer. */
    long count(Viewer viewer, UUID viewId);

    /** Conversation ids of the view from position {@code offset}, in the view's order. */
    List<UUID> page(Viewer viewer, UUID viewId, int offset, int limit);

    /** The sorts a view can have: id and label, the default first. */
    List<Sort> sorts();

    /** The teams the viewer may share a view with. */
    List<Team> teams(Viewer viewer);

    /** Saves a view; {@link org.parley.base.InvalidInputException} with the reason when it cannot be. */
    Entry save(Viewer viewer, String name, String query, String sort, UUID teamId);

    void delete(Viewer viewer, UUID viewId);

    /**
     * @param shared the team's name when shared, else null
     * @param mine whether the viewer made it (and may delete it)
     */
    record Entry(UUID id, String name, String query, String sortLabel, String shared, boolean mine) {
    }

    record Sort(String id, String label) {
    }

    record Team(UUID id, String name) {
    }
}
