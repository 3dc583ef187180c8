package org.parley.conversation;

import java.util.UUID;
import org.parley.base.events.DomainEvent;

/**
 * An outbound message was given up on: the provider refused it for good, every attempt failed, or it bounced.
 * The conversation module reopens a conversation that was resolved with it; the realtime module tells its author.
 *
 * @param agentId the agent who wrote the reply, or null (a reply written by no agent)
 * @param reason why, as the timeline shows it
 */
public record DeliveryFailed(UUID messageId, UUID conversationId, UUID agentId, String reason) implements DomainEvent {

    @Override
    public UUID aggregateId() {
        return conversationId;
    }
}
