package org.parley.team;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.stereotype.Component;

/** The agent behind the current request, UI event or API call. */
@Component
public class CurrentAgent {

    private final AgentRepository agents;
    private final SecurityContextHolderStrategy contexts;

    CurrentAgent(AgentRepository agents, ObjectProvider<SecurityContextHolderStrategy> strategy) {
        this.agents = agents;
        this.contexts = strategy.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
    }

    public Optional<Agent> find() {
        Authentication auth = contexts.getContext().getAuthentication();
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
