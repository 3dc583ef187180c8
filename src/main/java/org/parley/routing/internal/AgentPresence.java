package org.parley.routing.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.parley.routing.RoutingEnums.Presence;

/** An agent's presence and capacity (maximum open conversations); agents without a row are OFFLINE. */
@Entity
@Table(name = "routing_presence")
public class AgentPresence {

    @Id
    @Column(name = "agent_id", nullable = false, updatable = false)
    private UUID agentId;

    @Enumerated(EnumType.STRING)
    @Column(name = "presence", nullable = false, length = 20)
    public Presence presence;

    @Column(name = "capacity", nullable = false)
    public int capacity;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    protected AgentPresence() {
    }

    public AgentPresence(UUID agentId, Presence presence, int capacity, Instant changedAt) {
        this.agentId = agentId;
        this.presence = presence;
        this.capacity = capacity;
        this.changedAt = changedAt;
    }

    public UUID getAgentId() {
        return agentId;
    }
}
