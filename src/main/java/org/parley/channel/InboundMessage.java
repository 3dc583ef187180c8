package org.parley.channel;

import java.time.Instant;
import java.util.List;
import org.parley.base.Channel;

/**
 * A message as any channel delivers it, before Parley knows the customer or the conversation: the
 * one shape every channel adapter produces.
 *
 * @param externalId the channel's own id of the message; channel + external id identify it
 * @param inReplyTo the external id of the message this one answers, if the channel says
 * @param references earlier external ids of the same thread, oldest first (email References)
 * @param threadKey a channel's own thread id (a DM conversation, a post's comment thread)
 * @param account the connected account that received it (mailbox name, page id, X user id); null for
 *     the generic API
 */
public record InboundMessage(Channel channel, String externalId, Sender from, String subject, String text,
        String html, String inReplyTo, List<String> references, String threadKey, Instant receivedAt, String account) {

    public InboundMessage {
        references = references == null ? List.of() : List.copyOf(references);
    }

    /** A message that no particular connected account received (the generic API, demo data). */
    public InboundMessage(Channel channel, String externalId, Sender from, String subject, String text, String html,
            String inReplyTo, List<String> references, String threadKey, Instant receivedAt) {
        this(channel, externalId, from, subject, text, html, inReplyTo, references, threadKey, receivedAt, null);
    }

    /** Who wrote the message: an identity of the given type, and the name the channel shows. */
    public record Sender(Channel type, String value, String name) {
    }
}
