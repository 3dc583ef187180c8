package org.parley.conversation;

import java.time.Instant;
import java.util.UUID;
import org.parley.base.Channel;

/**
 * A customer's message is stored (exactly once). Routing, SLA clocks, reports and live views react to it.
 *
 * @param newConversation the message started a conversation
 * @param reopened the message brought a pending or resolved conversation back to OPEN
 * @param account the connected account that received it (mailbox, page, X user), or null
 */
public record MessageReceived(UUID messageId, UUID conversationId, UUID customerId, Channel channel,
        boolean newConversation, boolean reopened, Instant occurredAt, String account) implements ConversationEvent {
}
