package org.parley.channel;

import java.time.Instant;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
public record InboundMessage(
        @NotNull(message = "is required") Channel channel,
        @NotBlank(message = "is required") @Size(max = 255, message = "must be at most {max} characters") String externalId,
        @NotNull(message = "is required") @Valid Sender from,
        @Size(max = 300, message = "must be at most {max} characters") String subject,
        @Size(max = 60_000, message = "must be at most {max} characters") String text,
        @Size(max = 1_000_000, message = "must be at most {max} characters") String html,
        @Size(max = 255, message = "must be at most {max} characters") String inReplyTo,
        @Size(max = 100, message = "may name at most {max} messages")
        List<@NotNull(message = "must not contain null") @Size(max = 255, message = "must be at most {max} characters")
                String> references,
        @Size(max = 200, message = "must be at most {max} characters") String threadKey,
        Instant receivedAt,
        @Size(max = 255, message = "must be at most {max} characters") String account) {

    public InboundMessage {
        references = references == null ? List.of() : List.copyOf(references);
    }

    /** A message that no particular connected account received (the generic API, demo data). */
    public InboundMessage(Channel channel, String externalId, Sender from, String subject, String text, String html,
            String inReplyTo, List<String> references, String threadKey, Instant receivedAt) {
        this(channel, externalId, from, subject, text, html, inReplyTo, references, threadKey, receivedAt, null);
    }

    /** Who wrote the message: an identity of the given type, and the name the channel shows. */
    public record Sender(
            @NotNull(message = "is required") Channel type,
            @NotBlank(message = "is required") @Size(max = 320, message = "must be at most {max} characters") String value,
            @Size(max = 200, message = "must be at most {max} characters") String name) {
    }

    /** Bean Validation's check that the message says something. */
    @AssertTrue(message = "text or html is required")
    public boolean isReadable() {
        return (text != null && !text.isBlank()) || (html != null && !html.isBlank());
    }
}
