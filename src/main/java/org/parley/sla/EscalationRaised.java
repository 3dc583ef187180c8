package org.parley.sla;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.parley.base.events.DomainEvent;

/**
 * An SLA escalation was recorded (exactly once per conversation, target cycle and level). The
 * notification module turns it into bell notifications for {@code notifyAgentIds}.
 *
 * @param kind the target that is overdue
 * @param notifyAgentIds WARNING: the assignee; BREACH: assignee and team leads; SECOND_LEVEL: supervisors
 */
public record EscalationRaised(UUID escalationId, UUID conversationId, UUID teamId, EscalationLevel level,
        SlaTarget kind, List<UUID> notifyAgentIds, Instant dueAt, Instant at) implements DomainEvent {

    @Override
    public UUID aggregateId() {
        return conversationId;
    }
}
