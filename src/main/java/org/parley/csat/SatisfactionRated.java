package org.parley.csat;

import java.time.Instant;
import java.util.UUID;
import org.parley.base.Channel;
import org.parley.base.events.DomainEvent;

/**
 * A customer answered a satisfaction survey (once per survey).
 *
 * @param agentId the conversation's assignee when it was resolved, or null
 * @param teamId the conversation's team when it was resolved, or null
 * @param score 1 (very dissatisfied) to 5 (very satisfied)
 */
public record SatisfactionRated(UUID surveyId, UUID conversationId, UUID customerId, UUID agentId, UUID teamId,
        Channel channel, int score, Instant occurredAt) implements DomainEvent {

    @Override
    public UUID aggregateId() {
        return conversationId;
    }
}
