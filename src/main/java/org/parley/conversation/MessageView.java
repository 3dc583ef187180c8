package org.parley.conversation;

import java.time.Instant;
import java.util.UUID;
import org.parley.base.Channel;

/** A read-only picture of one message; the HTML body is already sanitised. */
public record MessageView(UUID id, UUID conversationId, Direction direction, Channel channel, String authorName,
        UUID authorAgentId, String subject, String text, String html, String externalId, String inReplyTo,
        Instant occurredAt, DeliveryStatus deliveryStatus, String deliveryError, int deliveryAttempts) {

    static MessageView of(Message m) {
        return new MessageView(m.getId(), m.getConversationId(), m.getDirection(), m.getChannel(), m.getAuthorName(),
                m.getAuthorAgentId(), m.getSubject(), m.getTextBody(), m.getHtmlBody(), m.getExternalId(),
                m.getReplyToExternalId(), m.getOccurredAt(), m.getDeliveryStatus(), m.getDeliveryError(),
                m.getDeliveryAttempts());
    }
}
