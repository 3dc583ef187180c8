package org.parley.routing.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** A team's round-robin position; its row is locked while an agent of the team is picked. */
@Entity
@Table(name = "routing_team_cursor")
public class TeamCursor {

    @Id
    @Column(name = "team_id", nullable = false, updatable = false)
    private UUID teamId;

    @Column(name = "last_agent_id")
    public UUID lastAgentId;

    protected TeamCursor() {
    }

    public TeamCursor(UUID teamId) {
        this.teamId = teamId;
    }

    public UUID getTeamId() {
        return teamId;
    }
}
