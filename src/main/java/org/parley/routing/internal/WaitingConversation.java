package org.parley.routing.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.parley.routing.RoutingEnums.Strategy;

/** A conversation waiting in its team's queue until an agent with room is online. */
@Entity
@Table(name = "routing_waiting")
public class WaitingConversation {

    @Id
    @Column(name = "conversation_id", nullable = false, updatable = false)
    private UUID conversationId;

    @Column(name = "team_id", nullable = false)
    public UUID teamId;

    @Enumerated(EnumType.STRING)
    @Column(name = "strategy", nullable = false, length = 20)
    public Strategy strategy;

    @Column(name = "since", nullable = false)
    public Instant since;

    protected WaitingConversation() {
    }

    public WaitingConversation(UUID conversationId, UUID teamId, Strategy strategy, Instant since) {
        this.conversationId = conversationId;
        this.teamId = teamId;
        this.strategy = strategy;
        this.since = since;
    }

    public UUID getConversationId() {
        return conversationId;
    }
}
