package org.parley.team;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.parley.base.AbstractEntity;

/** A group of agents sharing a queue, e.g. Billing or Technical support. */
@Entity
@Table(name = "team")
public class Team extends AbstractEntity {

    @Column(name = "name", nullable = false, unique = true, length = 100)
    private String name;

    @Column(name = "description", length = 500)
    private String description;

    /** Every agent sees the team's conversations, not only its members. */
    @Column(name = "open_to_all_agents", nullable = false)
    private boolean openToAllAgents;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "team_member", joinColumns = @JoinColumn(name = "team_id"))
    @Column(name = "agent_id", nullable = false)
    private Set<UUID> memberIds = new HashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "team_lead", joinColumns = @JoinColumn(name = "team_id"))
    @Column(name = "agent_id", nullable = false)
    private Set<UUID> leadIds = new HashSet<>();

    protected Team() {
    }

    public Team(String name, String description) {
        this.name = name;
        this.description = description;
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    public boolean isOpenToAllAgents() {
        return openToAllAgents;
    }

    void openToAllAgents(boolean open) {
        this.openToAllAgents = open;
    }

    public Set<UUID> getMemberIds() {
        return Set.copyOf(memberIds);
    }

    public Set<UUID> getLeadIds() {
        return Set.copyOf(leadIds);
    }

    void describe(String name, String description) {
        this.name = name;
        this.description = description;
    }

    void removeMember(UUID agentId) {
        memberIds.remove(agentId);
        leadIds.remove(agentId);
    }

    void addMember(UUID agentId, boolean lead) {
        memberIds.add(agentId);
        if (lead) {
            leadIds.add(agentId);
        } else {
            leadIds.remove(agentId);
        }
    }
}
