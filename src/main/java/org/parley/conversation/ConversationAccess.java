package org.parley.conversation;

import jakarta.persistence.Query;
import java.io.Serializable;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.parley.base.NotFoundException;
import org.parley.base.persistence.ListQuery;
import org.parley.team.AgentPrincipal;
import org.parley.team.Team;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.stereotype.Component;

/**
 * Who may see which conversation — the one place this rule lives (queues, timelines, the REST API, live
 * views, STOMP clients and notifications all ask here). SUPERVISOR and ADMIN see every conversation;
 * everyone else sees the conversations assigned to them, those of their teams, those of teams that are
 * open to all agents, and those without a team.
 */
@Component
public class ConversationAccess {

    /** Stands for "no team" in the query: never the id of a real team (those are UUIDv7). */
    private static final UUID NO_TEAM = new UUID(0, 0);

    private final TeamDirectory team;
    private final SecurityContextHolderStrategy contexts;

    ConversationAccess(TeamDirectory team, ObjectProvider<SecurityContextHolderStrategy> strategy) {
        this.team = team;
        this.contexts = strategy.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
    }

    /**
     * What the rule needs to know about a viewer, looked up once (e.g. when a screen, a request or a STOMP
     * session opens) so that checking an event costs no query.
     *
     * @param agentId the agent, or null for a token without an agent (the bootstrap token)
     * @param seesAll SUPERVISOR or ADMIN
     * @param teamIds the teams the agent is a member of
     * @param openTeamIds the teams open to all agents
     */
    public record Viewer(UUID agentId, boolean seesAll, Set<UUID> teamIds, Set<UUID> openTeamIds, Origin origin)
            implements Serializable {

        /** Parley's own work that is not routing or SLA (channels, imports, retention, demo data): sees all. */
        public static final Viewer SYSTEM = new Viewer(null, true, Set.of(), Set.of(), Origin.SYSTEM);
        /** Routing rules and assignment strategies: see all; their changes never re-trigger routing. */
        public static final Viewer ROUTING = new Viewer(null, true, Set.of(), Set.of(), Origin.ROUTING);
        /** SLA clocks and escalations: see all. */
        public static final Viewer SLA = new Viewer(null, true, Set.of(), Set.of(), Origin.SLA);

        public Viewer {
            teamIds = Set.copyOf(teamIds);
            openTeamIds = Set.copyOf(openTeamIds);
            if (origin == null) {
                origin = Origin.AGENT;
            }
        }

        public Viewer(UUID agentId, boolean seesAll, Set<UUID> teamIds, Set<UUID> openTeamIds) {
            this(agentId, seesAll, teamIds, openTeamIds, Origin.AGENT);
        }

        public Viewer(UUID agentId, boolean seesAll, Set<UUID> teamIds) {
            this(agentId, seesAll, teamIds, Set.of());
        }

        /** Parley's own work (SYSTEM, ROUTING or SLA), not an agent, a token or a signed-in user. */
        public boolean isParley() {
            return origin != Origin.AGENT;
        }

        /** Refuses a person's viewer (an agent, a token) where only Parley's own work may act. */
        public void requireParley(String what) {
            if (!isParley()) {
                throw new AccessDeniedException("only Parley itself may " + what);
            }
        }

        /** Own teams and open teams: a conversation of one of these is visible. */
        public Set<UUID> visibleTeamIds() {
            Set<UUID> all = new HashSet<>(teamIds);
            all.addAll(openTeamIds);
            return all;
        }
    }

    /** The viewer behind a logged-in agent or an API token. */
    public Viewer viewerOf(AgentPrincipal principal) {
        return viewerOf(principal.agentId(), principal.getAuthorities());
    }

    public Viewer viewerOf(UUID agentId, Collection<? extends GrantedAuthority> authorities) {
        boolean seesAll = authorities.stream().map(GrantedAuthority::getAuthority)
                .anyMatch(a -> a.equals("ROLE_SUPERVISOR") || a.equals("ROLE_ADMIN"));
        if (seesAll) {
            return new Viewer(agentId, true, Set.of(), Set.of());
        }
        Set<UUID> teams = agentId == null ? Set.of()
                : team.teamsOf(agentId).stream().map(Team::getId).collect(Collectors.toSet());
        return new Viewer(agentId, false, teams, team.openTeamIds());
    }

    /** The viewer behind an agent id (roles read from the agent). */
    public Viewer viewerOf(UUID agentId) {
        return team.findAgent(agentId).map(a -> viewerOf(AgentPrincipal.of(a)))
                .orElse(new Viewer(agentId, false, Set.of(), team.openTeamIds()));
    }

    /** The viewer behind an authenticated request (a signed-in user or an API token). */
    public Viewer viewerOf(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            throw new AccessDeniedException("sign in first");
        }
        if (authentication.getPrincipal() instanceof AgentPrincipal principal) {
            return viewerOf(principal);
        }
        UUID agentId = team.findAgentByUsername(authentication.getName()).map(a -> a.getId()).orElse(null);
        return viewerOf(agentId, authentication.getAuthorities());
    }

    /** The viewer behind the current request or UI event. */
    public Viewer currentViewer() {
        return viewerOf(contexts.getContext().getAuthentication());
    }

    public boolean canSee(Viewer viewer, ConversationView conversation) {
        return canSee(viewer, conversation.teamId(), conversation.assigneeId());
    }

    public boolean canSee(AgentPrincipal principal, ConversationView conversation) {
        return canSee(viewerOf(principal), conversation);
    }

    /** The rule itself, on the two facts it reads (so that it also works on an event from another node). */
    public boolean canSee(Viewer viewer, UUID teamId, UUID assigneeId) {
        if (viewer.seesAll()) {
            return true;
        }
        if (assigneeId != null && assigneeId.equals(viewer.agentId())) {
            return true;
        }
        return teamId == null || viewer.teamIds().contains(teamId) || viewer.openTeamIds().contains(teamId);
    }

    /** Passes a visible conversation; an invisible one is "not found", exactly like one that does not exist. */
    ConversationView requireVisible(Viewer viewer, ConversationView conversation) {
        if (!canSee(viewer, conversation)) {
            throw new NotFoundException("conversation " + conversation.id());
        }
        return conversation;
    }

    /**
     * The same rule as a JPQL condition on the conversation {@code alias}, starting with " and " (empty for a
     * viewer who sees everything), so that pages and counts filter in the database. Bind its parameters with
     * {@link #bind}. "No team" joins the visible teams as a sentinel id inside {@code coalesce}: that keeps
     * MySQL/MariaDB from merging the team and assignee indexes (a sort over every candidate row) and lets it
     * walk the queue's order index, stopping after one page.
     */
    static String jpql(Viewer viewer, String alias) {
        if (viewer.seesAll()) {
            return "";
        }
        StringBuilder rule = new StringBuilder(" and (");
        if (viewer.agentId() != null) {
            rule.append(alias).append(".assigneeId = :viewerAgentId or ");
        }
        return rule.append("coalesce(").append(alias).append(".teamId, :viewerNoTeam) in ")
                .append(ListQuery.parameters("viewerTeamIds", teamsOrNone(viewer))).append(')').toString();
    }

    /** The viewer's visible teams and the sentinel for "no team". */
    private static Set<UUID> teamsOrNone(Viewer viewer) {
        Set<UUID> teams = viewer.visibleTeamIds();
        teams.add(NO_TEAM);
        return teams;
    }

    static void bind(Query query, Viewer viewer) {
        if (viewer.seesAll()) {
            return;
        }
        if (viewer.agentId() != null) {
            query.setParameter("viewerAgentId", viewer.agentId());
        }
        query.setParameter("viewerNoTeam", NO_TEAM);
        ListQuery.bind(query, "viewerTeamIds", teamsOrNone(viewer));
    }
}
