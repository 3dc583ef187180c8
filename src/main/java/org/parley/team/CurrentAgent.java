package org.parley.team;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The agent behind the current request, UI event or API call. */
@Component
public class CurrentAgent {

    private final AgentRepository agents;

    CurrentAgent(AgentRepository agents) {
        this.agents = agents;
    }

    public Optional<Agent> find() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            return Optional.empty();
        }
        if (auth.getPrincipal() instanceof AgentPrincipal principal) {
            return agents.findById(principal.agentId());
        }
        return agents.findByUsernameIgnoreCase(auth.getName());
    }

    public Agent require() {
        return find().orElseThrow(() -> new IllegalStateException("no agent is logged in"));
    }
}
