package org.parley.search.ui;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.parley.base.InvalidInputException;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.ui.extension.InboxViews;
import org.parley.search.ConversationSearch;
import org.parley.search.SavedViews;
import org.parley.team.TeamDirectory;
import org.springframework.stereotype.Component;

/** The inbox's saved views on {@link SavedViews}. */
@Component
class InboxViewsAdapter implements InboxViews {

    private final SavedViews views;
    private final TeamDirectory team;

    InboxViewsAdapter(SavedViews views, TeamDirectory team) {
        this.views = views;
        this.team = team;
    }

    @Override
    public List<Entry> views(Viewer viewer) {
        return views.of(viewer).stream().map(v -> new Entry(v.id(), v.name(), v.query(), v.sort().label(),
                v.teamName(), v.mine())).toList();
    }

    @Override
    public long count(Viewer viewer, UUID viewId) {
        return views.count(viewer, viewId);
    }

    @Override
    public List<UUID> page(Viewer viewer, UUID viewId, int offset, int limit) {
        return views.page(viewer, viewId, offset, limit);
    }

    @Override
    public List<Sort> sorts() {
        return Arrays.stream(ConversationSearch.Sort.values()).map(s -> new Sort(s.name(), s.label())).toList();
    }

    @Override
    public List<Team> teams(Viewer viewer) {
        return viewer.agentId() == null ? List.of()
                : team.teamsOf(viewer.agentId()).stream().map(t -> new Team(t.getId(), t.getName())).toList();
    }

    @Override
    public Entry save(Viewer viewer, String name, String query, String sort, UUID teamId) {
        ConversationSearch.Sort parsed;
        try {
            parsed = ConversationSearch.Sort.valueOf(sort);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException("choose how the view is sorted");
        }
        SavedViews.ViewInfo v = views.create(viewer, name, query, parsed, teamId);
        return new Entry(v.id(), v.name(), v.query(), v.sort().label(), v.teamName(), v.mine());
    }

    @Override
    public void delete(Viewer viewer, UUID viewId) {
        views.delete(viewer, viewId);
    }
}
