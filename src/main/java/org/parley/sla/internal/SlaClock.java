package org.parley.sla.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.parley.conversation.ConversationStatus;
import org.parley.conversation.Priority;
import org.parley.sla.EscalationLevel;

/** The SLA clock of one conversation: its policy, the running targets, due times and the next check. */
@Entity
@Table(name = "sla_clock")
public class SlaClock {

    @Id
    @Column(name = "conversation_id", nullable = false, updatable = false)
    private UUID conversationId;

    @Column(name = "policy_id", nullable = false)
    public UUID policyId;

    @Column(name = "team_id")
    public UUID teamId;

    @Column(name = "assignee_id")
    public UUID assigneeId;

    @Enumerated(EnumType.STRING)
    @Column(name = "priority", nullable = false, length = 20)
    public Priority priority;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 20)
    public ConversationStatus status;

    @Column(name = "first_response_started_at", nullable = false)
    public Instant firstResponseStartedAt;

    @Column(name = "first_response_due_at")
    public Instant firstResponseDueAt;

    @Column(name = "first_response_met_at")
    public Instant firstResponseMetAt;

    @Column(name = "next_response_started_at")
    public Instant nextResponseStartedAt;

    @Column(name = "next_response_due_at")
    public Instant nextResponseDueAt;

    @Column(name = "last_reply_at")
    public Instant lastReplyAt;

    @Column(name = "resolution_running_since")
    public Instant resolutionRunningSince;

    @Column(name = "resolution_elapsed_seconds", nullable = false)
    public long resolutionElapsedSeconds;

    @Column(name = "resolution_due_at")
    public Instant resolutionDueAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "escalation_level", length = 20)
    public EscalationLevel escalationLevel;

    @Column(name = "next_check_at")
    public Instant nextCheckAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    protected SlaClock() {
    }

    public SlaClock(UUID conversationId) {
        this.conversationId = conversationId;
    }

    public UUID getConversationId() {
        return conversationId;
    }
}
