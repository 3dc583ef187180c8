package org.parley.conversation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.parley.base.Channel;

/** A read-only picture of a conversation for views and APIs. */
public record ConversationView(UUID id, UUID customerId, Channel channel, String subject,
        ConversationStatus status, Priority priority, UUID teamId, UUID assigneeId, List<String> tags,
        String snippet, int messageCount, Instant createdAt, Instant lastActivityAt,
        Instant lastCustomerMessageAt, Instant firstResponseAt, Instant resolvedAt, Long version,
        String sourceAccount, Snooze snooze, UUID mergedInto) {

    /** Not snoozed, not merged. */
    public ConversationView(UUID id, UUID customerId, Channel channel, String subject, ConversationStatus status,
            Priority priority, UUID teamId, UUID assigneeId, List<String> tags, String snippet, int messageCount,
            Instant createdAt, Instant lastActivityAt, Instant lastCustomerMessageAt, Instant firstResponseAt,
            Instant resolvedAt, Long version, String sourceAccount) {
        this(id, customerId, channel, subject, status, priority, teamId, assigneeId, tags, snippet, messageCount,
                createdAt, lastActivityAt, lastCustomerMessageAt, firstResponseAt, resolvedAt, version, sourceAccount,
                null, null);
    }

    /** Parked: out of the queues until it wakes (on time or on the customer's reply). */
    public boolean snoozed() {
        return snooze != null;
    }

    /** Merged into another conversation: a pointer, closed and in no queue. */
    public boolean isMerged() {
        return mergedInto != null;
    }

    static ConversationView of(Conversation c) {
        return new ConversationView(c.getId(), c.getCustomerId(), c.getChannel(), c.getSubject(), c.getStatus(),
                c.getPriority(), c.getTeamId(), c.getAssigneeId(), c.getTags().stream().sorted().toList(), c.getSnippet(),
                c.getMessageCount(), c.getCreatedAt(), c.getLastActivityAt(), c.getLastCustomerMessageAt(),
                c.getFirstResponseAt(), c.getResolvedAt(), c.getVersion(), c.getSourceAccount(), c.getSnooze(),
                c.getMergedInto());
    }

    /** Without tags: for lists, where loading each conversation's tags would cost one query per row. */
    static ConversationView withoutTags(Conversation c) {
        return new ConversationView(c.getId(), c.getCustomerId(), c.getChannel(), c.getSubject(), c.getStatus(),
                c.getPriority(), c.getTeamId(), c.getAssigneeId(), List.of(), c.getSnippet(),
                c.getMessageCount(), c.getCreatedAt(), c.getLastActivityAt(), c.getLastCustomerMessageAt(),
                c.getFirstResponseAt(), c.getResolvedAt(), c.getVersion(), c.getSourceAccount(), c.getSnooze(),
                c.getMergedInto());
    }
}
