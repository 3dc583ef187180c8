package org.parley.conversation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.parley.base.Channel;

/**
 * A customer's message after identity resolution, ready to be threaded and stored.
 *
 * @param references earlier external ids of the same thread (email References), oldest first
 * @param html the raw HTML body, sanitised before it is stored
 * @param account the connected account (mailbox, page, X user) that received it, or null
 */
public record IncomingMessage(UUID customerId, String authorName, Channel channel, String externalId,
        String subject, String text, String html, String inReplyTo, List<String> references, String threadKey,
        Instant receivedAt, String account) {

    public IncomingMessage {
        references = references == null ? List.of() : List.copyOf(references);
    }
}
