package org.parley.conversation;

import java.time.Instant;
import java.util.UUID;
import org.parley.base.Channel;

/**
 * One line of a queue: just what the conversation list shows.
 *
 * @param unread assigned, and its assignee has not opened it since it was assigned or the customer last wrote
 * @param needsReply open, and the customer had the last word
 * @param snoozedUntil when a snoozed conversation wakes (null: not snoozed, or only until the customer replies)
 * @param snoozedUntilReply snoozed until the customer writes again
 * @param version the conversation's version when the row was read (bulk actions change it only if still so)
 */
public record InboxRow(UUID conversationId, UUID customerId, String customerName, Channel channel, String subject,
        String snippet, ConversationStatus status, Priority priority, UUID assigneeId, String assigneeName,
        Instant lastActivityAt, boolean unread, boolean needsReply, Instant snoozedUntil, boolean snoozedUntilReply,
        Long version) {

    public InboxRow(UUID conversationId, UUID customerId, String customerName, Channel channel, String subject,
            String snippet, ConversationStatus status, Priority priority, UUID assigneeId, String assigneeName,
            Instant lastActivityAt, boolean unread, boolean needsReply) {
        this(conversationId, customerId, customerName, channel, subject, snippet, status, priority, assigneeId,
                assigneeName, lastActivityAt, unread, needsReply, null, false, null);
    }

    public InboxRow(UUID conversationId, UUID customerId, String customerName, Channel channel, String subject,
            String snippet, ConversationStatus status, Priority priority, UUID assigneeId, String assigneeName,
            Instant lastActivityAt) {
        this(conversationId, customerId, customerName, channel, subject, snippet, status, priority, assigneeId,
                assigneeName, lastActivityAt, false, false);
    }

    /** Parked until a time or the customer's reply. */
    public boolean snoozed() {
        return snoozedUntil != null || snoozedUntilReply;
    }

    /** Where the page after this row starts. */
    public PageCursor cursor() {
        return new PageCursor(lastActivityAt, conversationId);
    }
}
