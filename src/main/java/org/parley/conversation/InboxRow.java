package org.parley.conversation;

import java.time.Instant;
import java.util.UUID;
import org.parley.base.Channel;

/**
 * One line of a queue: just what the conversation list shows.
 *
 * @param unread assigned, and its assignee has not opened it since it was assigned or the customer last wrote
 * @param needsReply open, and the customer had the last word
 * @param version the conversation's version when the row was read (bulk actions change it only if still so)
 */
public record InboxRow(UUID conversationId, UUID customerId, String customerName, Channel channel, String subject,
        String snippet, ConversationStatus status, Priority priority, UUID assigneeId, String assigneeName,
        Instant lastActivityAt, boolean unread, boolean needsReply, Long version) {

    public InboxRow(UUID conversationId, UUID customerId, String customerName, Channel channel, String subject,
            String snippet, ConversationStatus status, Priority priority, UUID assigneeId, String assigneeName,
            Instant lastActivityAt, boolean unread, boolean needsReply) {
        this(conversationId, customerId, customerName, channel, subject, snippet, status, priority, assigneeId,
                assigneeName, lastActivityAt, unread, needsReply, null);
    }

    public InboxRow(UUID conversationId, UUID customerId, String customerName, Channel channel, String subject,
            String snippet, ConversationStatus status, Priority priority, UUID assigneeId, String assigneeName,
            Instant lastActivityAt) {
        this(conversationId, customerId, customerName, channel, subject, snippet, status, priority, assigneeId,
                assigneeName, lastActivityAt, false, false);
    }

    /** Where the page after this row starts. */
    public PageCursor cursor() {
        return new PageCursor(lastActivityAt, conversationId);
    }
}
