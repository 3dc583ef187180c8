package org.parley.conversation;

import java.util.List;
import java.util.UUID;
import org.parley.base.Channel;

/**
 * An outbound message claimed from the outbox for one delivery attempt, with what a channel needs to
 * address and thread it.
 *
 * @param account the connected account the conversation came in through (null: the channel's default)
 * @param recipient the customer's identity value on the channel, or null when the customer has none
 * @param references external ids of the conversation's messages on the channel, oldest first
 * @param attempt the number of this attempt (1 for the first)
 */
public record PendingDelivery(UUID messageId, UUID conversationId, UUID customerId, Channel channel, String account,
        String recipient, String recipientName, String subject, String text, String inReplyTo,
        List<String> references, String threadKey, int attempt) {

    public PendingDelivery {
        references = references == null ? List.of() : List.copyOf(references);
    }
}
