package org.parley.team.api;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.parley.team.Agent;
import org.parley.team.Role;
import org.parley.team.Team;
import org.parley.team.TeamDirectory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who works on the desk: agents (with their teams and roles) and teams (with members and leads), read only. */
@RestController
class DirectoryController {

    private final TeamDirectory team;

    DirectoryController(TeamDirectory team) {
        this.team = team;
    }

    @GetMapping("/api/v1/agents")
    List<AgentJson> agents() {
        Map<UUID, List<UUID>> teamsOfAgent = team.allTeams().stream()
                .flatMap(t -> t.getMemberIds().stream().map(member -> Map.entry(member, t.getId())))
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        return team.allAgents().stream().sorted(Comparator.comparing(Agent::getDisplayName, String.CASE_INSENSITIVE_ORDER))
                .map(a -> new AgentJson(a.getId(), a.getUsername(), a.getDisplayName(), a.getEmail(), a.isActive(),
                        a.getRoles(), teamsOfAgent.getOrDefault(a.getId(), List.of())))
                .toList();
    }

    @GetMapping("/api/v1/teams")
    List<TeamJson> teams() {
        return team.allTeams().stream().sorted(Comparator.comparing(Team::getName, String.CASE_INSENSITIVE_ORDER))
                .map(t -> new TeamJson(t.getId(), t.getName(), t.getDescription(), t.isOpenToAllAgents(),
                        t.getMemberIds(), t.getLeadIds()))
                .toList();
    }

    record AgentJson(UUID id, String username, String displayName, String email, boolean active, Set<Role> roles,
            List<UUID> teamIds) {
    }

    record TeamJson(UUID id, String name, String description, boolean openToAllAgents, Set<UUID> memberIds,
            Set<UUID> leadIds) {
    }
}
