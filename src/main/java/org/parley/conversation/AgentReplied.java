package org.parley.conversation;

import java.time.Instant;
import java.util.UUID;
import org.parley.base.Channel;

/**
 * An agent (or an auto-reply) answered the customer; the reply waits in the outbox. The status and assignee
 * changes the reply caused travel in a {@link ConversationChanged} of the same transaction.
 */
public record AgentReplied(UUID messageId, UUID conversationId, UUID customerId, UUID agentId, Channel channel,
        Instant occurredAt, Origin origin) implements ConversationEvent {
}
