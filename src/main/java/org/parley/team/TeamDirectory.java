package org.parley.team;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.parley.audit.AuditTrail;
import org.parley.base.InvalidInputException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Agents and teams: who works here, in which team, with which roles. */
@Service
@Transactional(readOnly = true)
public class TeamDirectory {

    private final AgentRepository agents;
    private final TeamRepository teams;
    private final PasswordEncoder passwordEncoder;
    private final AuditTrail audit;

    TeamDirectory(AgentRepository agents, TeamRepository teams, PasswordEncoder passwordEncoder, AuditTrail audit) {
        this.agents = agents;
        this.teams = teams;
        this.passwordEncoder = passwordEncoder;
        this.audit = audit;
    }

    public Optional<Agent> findAgent(UUID id) {
        return agents.findById(id);
    }

    public Optional<Agent> findAgentByUsername(String username) {
        return agents.findByUsernameIgnoreCase(username);
    }

    public List<Agent> activeAgents() {
        return agents.findByActiveTrueOrderByDisplayName();
    }

    public Map<UUID, String> agentNames(Collection<UUID> ids) {
        return agents.findAllById(Set.copyOf(ids)).stream()
                .collect(Collectors.toMap(Agent::getId, Agent::getDisplayName));
    }

    public Optional<Team> findTeam(UUID id) {
        return teams.findById(id);
    }

    public List<Team> allTeams() {
        return teams.findAllByOrderByName();
    }

    public Map<UUID, Team> teamsById() {
        return teams.findAll().stream().collect(Collectors.toMap(Team::getId, Function.identity()));
    }

    public List<Team> teamsOf(UUID agentId) {
        return teams.findByMember(agentId);
    }

    /** Ids of the teams whose conversations every agent sees (one query, no members loaded). */
    public Set<UUID> openTeamIds() {
        return Set.copyOf(teams.findOpenTeamIds());
    }

    /** Opens a team's conversations to every agent, or back to its members only; audited. */
    @Transactional
    public Team setOpenToAllAgents(UUID teamId, boolean open) {
        Team team = teams.findById(teamId).orElseThrow(() -> new InvalidInputException("unknown team " + teamId));
        if (team.isOpenToAllAgents() != open) {
            team.openToAllAgents(open);
            audit.record("team.visibility", "team", teamId, open ? "open to all agents" : "members only");
        }
        return team;
    }

    public long agentCount() {
        return agents.count();
    }

    @Transactional
    public Agent createAgent(String username, String displayName, String email, String rawPassword,
            Set<Role> roles) {
        if (username == null || !username.matches("[A-Za-z0-9._-]{2,100}")) {
            throw new InvalidInputException("username must be 2-100 letters, digits, '.', '_' or '-'");
        }
        if (displayName == null || displayName.isBlank()) {
            throw new InvalidInputException("display name is required");
        }
        PasswordPolicy.check(username, rawPassword);
        if (agents.findByUsernameIgnoreCase(username).isPresent()) {
            throw new InvalidInputException("username '" + username + "' is taken");
        }
        Agent agent = agents.save(new Agent(username, displayName.trim(), email, passwordEncoder.encode(rawPassword),
                roles.isEmpty() ? Set.of(Role.AGENT) : roles));
        audit.record("agent.created", "agent", agent.getId(), username + " " + agent.getRoles());
        return agent;
    }

    public List<Agent> allAgents() {
        return agents.findAll(org.springframework.data.domain.Sort.by("displayName"));
    }

    @Transactional
    public Agent updateAgent(UUID agentId, String displayName, String email, Set<Role> roles, boolean active) {
        if (displayName == null || displayName.isBlank()) {
            throw new InvalidInputException("display name is required");
        }
        if (roles == null || roles.isEmpty()) {
            throw new InvalidInputException("give the user at least one role");
        }
        Agent agent = agents.findById(agentId).orElseThrow(() -> new InvalidInputException("unknown agent " + agentId));
        Set<Role> before = agent.getRoles();
        agent.update(displayName.strip(), email == null || email.isBlank() ? null : email.strip(), roles, active);
        audit.record("agent.updated", "agent", agentId, "roles " + before + " -> " + agent.getRoles()
                + (active ? "" : ", deactivated"));
        return agent;
    }

    @Transactional
    public void changePassword(UUID agentId, String rawPassword) {
        Agent agent = agents.findById(agentId).orElseThrow(() -> new InvalidInputException("unknown agent " + agentId));
        PasswordPolicy.check(agent.getUsername(), rawPassword);
        agent.changePassword(passwordEncoder.encode(rawPassword));
        audit.record("agent.password", "agent", agentId, "password changed");
    }

    @Transactional
    public Team updateTeam(UUID teamId, String name, String description) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("team name is required");
        }
        Team team = teams.findById(teamId).orElseThrow(() -> new InvalidInputException("unknown team " + teamId));
        teams.findByNameIgnoreCase(name.strip()).filter(other -> !other.getId().equals(teamId)).ifPresent(other -> {
            throw new InvalidInputException("a team named '" + name.strip() + "' exists already");
        });
        String before = team.getName();
        team.describe(name.strip(), description);
        audit.record("team.updated", "team", teamId, before.equals(team.getName()) ? before : before + " -> " + team.getName());
        return team;
    }

    /** Replaces a team's members; leads must be members. */
    @Transactional
    public Team setMembers(UUID teamId, Set<UUID> memberIds, Set<UUID> leadIds) {
        Team team = teams.findById(teamId).orElseThrow(() -> new InvalidInputException("unknown team " + teamId));
        if (!memberIds.containsAll(leadIds)) {
            throw new InvalidInputException("every team lead must also be a member");
        }
        if (agents.findAllById(memberIds).size() != memberIds.size()) {
            throw new InvalidInputException("unknown agent among the members");
        }
        team.getMemberIds().forEach(team::removeMember);
        memberIds.forEach(id -> team.addMember(id, leadIds.contains(id)));
        audit.record("team.members", "team", teamId, memberIds.size() + " members, leads " + leadIds);
        return team;
    }

    /** The teams an agent leads, by name. */
    public List<Team> teamsLedBy(UUID agentId) {
        return teams.findAll().stream().filter(t -> t.getLeadIds().contains(agentId))
                .sorted(java.util.Comparator.comparing(Team::getName, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    /**
     * A team lead (or an admin) decides who works in a team they lead. Who leads it stays an admin's decision:
     * the leads stay leads and members.
     */
    @Transactional
    public Team setMembersAsLead(UUID actingAgentId, UUID teamId, Set<UUID> memberIds) {
        Agent actor = agents.findById(actingAgentId)
                .orElseThrow(() -> new AccessDeniedException("unknown agent " + actingAgentId));
        Team team = teams.findById(teamId).orElseThrow(() -> new InvalidInputException("unknown team " + teamId));
        if (!actor.hasRole(Role.ADMIN) && !team.getLeadIds().contains(actingAgentId)) {
            throw new AccessDeniedException("only a lead of " + team.getName() + " or an admin may change its members");
        }
        Set<UUID> leads = Set.copyOf(team.getLeadIds());
        Set<UUID> members = new java.util.HashSet<>(memberIds);
        members.addAll(leads);
        return setMembers(teamId, members, leads);
    }

    @Transactional
    public Team createTeam(String name, String description) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("team name is required");
        }
        if (teams.findByNameIgnoreCase(name.trim()).isPresent()) {
            throw new InvalidInputException("a team named '" + name.trim() + "' exists already");
        }
        Team team = teams.save(new Team(name.trim(), description));
        audit.record("team.created", "team", team.getId(), team.getName());
        return team;
    }

    @Transactional
    public void addMember(UUID teamId, UUID agentId, boolean lead) {
        Team team = teams.findById(teamId).orElseThrow(() -> new InvalidInputException("unknown team " + teamId));
        if (!agents.existsById(agentId)) {
            throw new InvalidInputException("unknown agent " + agentId);
        }
        team.addMember(agentId, lead);
        audit.record("team.member.added", "team", teamId, agentId + (lead ? " as lead" : ""));
    }
}
