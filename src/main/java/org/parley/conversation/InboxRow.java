package org.parley.conversation;

import java.time.Instant;
import java.util.UUID;
import org.parley.base.Channel;

/** One line of a queue: just what the conversation list shows. */
public record InboxRow(UUID conversationId, UUID customerId, String customerName, Channel channel, String subject,
        String snippet, ConversationStatus status, Priority priority, UUID assigneeId, String assigneeName,
        Instant lastActivityAt) {

    /** Where the page after this row starts. */
    public PageCursor cursor() {
        return new PageCursor(lastActivityAt, conversationId);
    }
}
