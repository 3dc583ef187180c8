package org.parley.sla.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.parley.base.Ids;
import org.parley.sla.EscalationLevel;
import org.parley.sla.SlaTarget;

/** One escalation, recorded once per conversation, target, target cycle (its start) and level. */
@Entity
@Table(name = "sla_escalation")
public class SlaEscalation {

    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id = Ids.newId();

    @Column(name = "conversation_id", nullable = false)
    public UUID conversationId;

    @Column(name = "team_id")
    public UUID teamId;

    @Enumerated(EnumType.STRING)
    @Column(name = "target", nullable = false, length = 20)
    public SlaTarget target;

    @Enumerated(EnumType.STRING)
    @Column(name = "level", nullable = false, length = 20)
    public EscalationLevel level;

    @Column(name = "target_started_at", nullable = false)
    public Instant targetStartedAt;

    @Column(name = "due_at", nullable = false)
    public Instant dueAt;

    @Column(name = "raised_at", nullable = false)
    public Instant raisedAt;

    @Column(name = "notified", length = 2000)
    public String notified;

    @Column(name = "acknowledged_by")
    public UUID acknowledgedBy;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    protected SlaEscalation() {
    }

    public SlaEscalation(UUID conversationId, UUID teamId, SlaTarget target, EscalationLevel level,
            Instant targetStartedAt, Instant dueAt, Instant raisedAt) {
        this.conversationId = conversationId;
        this.teamId = teamId;
        this.target = target;
        this.level = level;
        this.targetStartedAt = targetStartedAt;
        this.dueAt = dueAt;
        this.raisedAt = raisedAt;
    }

    public UUID getId() {
        return id;
    }
}
