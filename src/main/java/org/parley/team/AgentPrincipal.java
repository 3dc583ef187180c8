package org.parley.team;

import java.util.Collection;
import java.util.UUID;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** The logged-in agent (or the agent an API token belongs to), with the ids views need. */
public class AgentPrincipal extends User {

    private final UUID agentId;
    private final String displayName;

    public AgentPrincipal(UUID agentId, String username, String displayName, String passwordHash, boolean enabled,
            Collection<? extends GrantedAuthority> authorities) {
        super(username, passwordHash == null ? "" : passwordHash, enabled, true, true, true, authorities);
        this.agentId = agentId;
        this.displayName = displayName;
    }

    public static AgentPrincipal of(Agent agent) {
        return new AgentPrincipal(agent.getId(), agent.getUsername(), agent.getDisplayName(), agent.getPasswordHash(),
                agent.isActive(), agent.getRoles().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r.name()))
                        .toList());
    }

    public UUID agentId() {
        return agentId;
    }

    public String displayName() {
        return displayName;
    }
}
