package org.parley.conversation;

import java.util.UUID;
import org.parley.base.Channel;
import org.parley.base.events.DomainEvent;

/** An outbound message waits in the outbox (a new reply, or a failed one queued again). */
public record ReplyQueued(UUID messageId, UUID conversationId, Channel channel) implements DomainEvent {

    @Override
    public UUID aggregateId() {
        return conversationId;
    }
}
