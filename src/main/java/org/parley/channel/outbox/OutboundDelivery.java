package org.parley.channel.outbox;

import java.util.List;
import java.util.UUID;
import org.parley.base.Channel;

/**
 * One outbound message on its way out, with everything a channel needs to address and thread it.
 *
 * @param account the connected account to send from (mailbox name, page id, X user id); null = the
 *     channel's default account
 * @param recipient the customer's identity value on this channel (email address, handle, phone number)
 * @param inReplyTo the external id of the customer message being answered (email Message-ID, tweet
 *     id, comment id), if any
 * @param references earlier external ids of the thread, oldest first (email References)
 * @param threadKey the channel's own thread id as stored at ingestion (e.g. a DM conversation)
 * @param idempotencyKey stable per message: the same key on every attempt
 * @param publicReply the reply will be visible publicly (a mention or comment, not a DM)
 */
public record OutboundDelivery(UUID messageId, UUID conversationId, UUID customerId, Channel channel,
        String account, String recipient, String recipientName, String subject, String text,
        String inReplyTo, List<String> references, String threadKey, String idempotencyKey,
        boolean publicReply) {

    public OutboundDelivery {
        references = references == null ? List.of() : List.copyOf(references);
    }
}
