package org.parley.team;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Lets agents log in with their username and password. */
@Service
class AgentUserDetailsService implements UserDetailsService {

    private final AgentRepository agents;

    AgentUserDetailsService(AgentRepository agents) {
        this.agents = agents;
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        return agents.findByUsernameIgnoreCase(username).map(AgentPrincipal::of)
                .orElseThrow(() -> new UsernameNotFoundException("no agent " + username));
    }
}
