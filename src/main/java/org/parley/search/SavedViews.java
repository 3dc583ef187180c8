package org.parley.search;

import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.parley.audit.AuditTrail;
import org.parley.base.InvalidInputException;
import org.parley.base.NotFoundException;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.team.Team;
import org.parley.team.TeamDirectory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Saved views: a query and a sort an agent keeps for themselves or shares with one of their teams. A view lists
 * and counts only what its viewer may see (the query runs as them), so sharing a view shares no conversation.
 */
@Service
@Transactional
public class SavedViews {

    public static final int MAX_NAME = 80;

    private final EntityManager em;
    private final ConversationSearch search;
    private final TeamDirectory team;
    private final AuditTrail audit;
    private final Clock clock;

    SavedViews(EntityManager em, ConversationSearch search, TeamDirectory team, AuditTrail audit, Clock clock) {
        this.em = em;
        this.search = search;
        this.team = team;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * @param teamId the team it is shared with, null when only its owner sees it
     * @param teamName that team's name, or null
     * @param mine whether the viewer created it (and may delete it)
     */
    public record ViewInfo(UUID id, String name, String query, ConversationSearch.Sort sort, UUID teamId,
            String teamName, boolean mine) {
    }

    /** The views the viewer sees: their own and those shared with their teams, by name. */
    @Transactional(readOnly = true)
    public List<ViewInfo> of(Viewer viewer) {
        if (viewer.agentId() == null) {
            return List.of();
        }
        Set<UUID> teams = memberOf(viewer);
        var query = em.createQuery("select v from SavedView v where v.ownerId = :me"
                + (teams.isEmpty() ? "" : " or v.teamId in :teams") + " order by lower(v.name)", SavedView.class)
                .setParameter("me", viewer.agentId());
        if (!teams.isEmpty()) {
            query.setParameter("teams", teams);
        }
        Map<UUID, Team> byId = team.teamsById();
        return query.getResultList().stream().map(v -> info(v, viewer, byId)).toList();
    }

    /** Saves a view; refuses a blank or long name, a malformed query, or a team the agent is not in. */
    public ViewInfo create(Viewer viewer, String name, String query, ConversationSearch.Sort sort, UUID teamId) {
        if (viewer.agentId() == null) {
            throw new AccessDeniedException("only an agent saves views");
        }
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > MAX_NAME) {
            throw new InvalidInputException("a view needs a name of 1 to " + MAX_NAME + " characters");
        }
        String q = query == null ? "" : query.strip();
        if (SearchQuery.parse(q).isEmpty()) {
            throw new InvalidInputException("a view needs a query: words or filters such as status:open tag:vip");
        }
        if (sort == null) {
            throw new InvalidInputException("a view needs a sort");
        }
        if (teamId != null && !memberOf(viewer).contains(teamId)) {
            throw new InvalidInputException("a view can be shared only with a team you are in");
        }
        SavedView view = new SavedView(n, q, sort, viewer.agentId(), teamId, clock.instant());
        em.persist(view);
        audit.record("view.created", "saved_view", view.getId(), n + ": " + q + " (" + sort + ")"
                + (teamId == null ? "" : " shared with team " + teamId));
        return info(view, viewer, team.teamsById());
    }

    /** Deletes a view: only its owner may. */
    public void delete(Viewer viewer, UUID viewId) {
        SavedView view = visible(viewer, viewId);
        if (!view.getOwnerId().equals(viewer.agentId())) {
            throw new AccessDeniedException("only its owner deletes a view");
        }
        em.remove(view);
        audit.record("view.deleted", "saved_view", viewId, view.getName());
    }

    /** How many conversations the view holds for the viewer. */
    @Transactional(readOnly = true)
    public long count(Viewer viewer, UUID viewId) {
        return search.countConversations(viewer, visible(viewer, viewId).getQuery());
    }

    /** A page of the view's conversations for the viewer, in the view's order. */
    @Transactional(readOnly = true)
    public List<UUID> page(Viewer viewer, UUID viewId, int offset, int limit) {
        SavedView view = visible(viewer, viewId);
        return search.conversations(viewer, view.getQuery(), view.getSort(), offset, limit);
    }

    private SavedView visible(Viewer viewer, UUID viewId) {
        SavedView view = em.find(SavedView.class, viewId);
        if (view == null || !(view.getOwnerId().equals(viewer.agentId())
                || (view.getTeamId() != null && memberOf(viewer).contains(view.getTeamId())))) {
            throw new NotFoundException("no saved view " + viewId);
        }
        return view;
    }

    /** The teams the viewer's agent is a member of (supervisors' viewers list none: they see every conversation). */
    private Set<UUID> memberOf(Viewer viewer) {
        if (viewer.agentId() == null) {
            return Set.of();
        }
        return team.teamsOf(viewer.agentId()).stream().map(Team::getId).collect(java.util.stream.Collectors.toSet());
    }

    private static ViewInfo info(SavedView v, Viewer viewer, Map<UUID, Team> teams) {
        Team shared = v.getTeamId() == null ? null : teams.get(v.getTeamId());
        return new ViewInfo(v.getId(), v.getName(), v.getQuery(), v.getSort(), v.getTeamId(),
                shared == null ? null : shared.getName(), v.getOwnerId().equals(viewer.agentId()));
    }
}
