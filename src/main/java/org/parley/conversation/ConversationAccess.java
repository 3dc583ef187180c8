package org.parley.conversation;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.parley.team.AgentPrincipal;
import org.parley.team.Team;
import org.parley.team.TeamDirectory;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Who may see which conversation — the one place this rule lives (live views, STOMP clients and
 * notifications all ask here). SUPERVISOR and ADMIN see every conversation; everyone else sees the
 * conversations assigned to them, those of their teams, and those without a team.
 */
@Component
public class ConversationAccess {

    private final TeamDirectory team;

    ConversationAccess(TeamDirectory team) {
        this.team = team;
    }

    /**
     * What the rule needs to know about a viewer, looked up once (e.g. when a screen or a STOMP
     * session opens) so that checking an event costs no query.
     *
     * @param agentId the agent, or null for a token without an agent (the bootstrap token)
     * @param seesAll SUPERVISOR or ADMIN
     */
    public record Viewer(UUID agentId, boolean seesAll, Set<UUID> teamIds) {

        public Viewer {
            teamIds = Set.copyOf(teamIds);
        }
    }

    /** The viewer behind a logged-in agent or an API token. */
    public Viewer viewerOf(AgentPrincipal principal) {
        return viewerOf(principal.agentId(), principal.getAuthorities());
    }

    public Viewer viewerOf(UUID agentId, Collection<? extends GrantedAuthority> authorities) {
        boolean seesAll = authorities.stream().map(GrantedAuthority::getAuthority)
                .anyMatch(a -> a.equals("ROLE_SUPERVISOR") || a.equals("ROLE_ADMIN"));
        Set<UUID> teams = agentId == null || seesAll ? Set.of()
                : team.teamsOf(agentId).stream().map(Team::getId).collect(Collectors.toSet());
        return new Viewer(agentId, seesAll, teams);
    }

    /** The viewer behind an agent id (roles read from the agent). */
    public Viewer viewerOf(UUID agentId) {
        return team.findAgent(agentId).map(a -> viewerOf(AgentPrincipal.of(a)))
                .orElse(new Viewer(agentId, false, Set.of()));
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
        return teamId == null || viewer.teamIds().contains(teamId);
    }
}
