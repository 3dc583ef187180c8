package org.parley.report;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.parley.base.Channel;
import org.parley.conversation.ConversationStatus;
import org.parley.conversation.Priority;

/**
 * The reporting facts of one conversation, derived from its messages, its recorded status changes and
 * its SLA state (see README, "Reports", for each definition).
 *
 * @param firstResponseSeconds customer's first message to the first public reply, calendar time
 * @param resolutionBusinessSeconds business time the conversation spent OPEN until its final resolution
 *        (PENDING and resolved-then-reopened gaps excluded)
 */
record ConversationFacts(UUID conversationId, Instant createdAt, Channel channel, UUID teamId, UUID assigneeId,
        Priority priority, ConversationStatus status, Instant firstMessageAt, Instant firstResponseAt,
        Long firstResponseSeconds, Long firstResponseBusinessSeconds, Instant resolvedAt, Long resolutionSeconds,
        Long resolutionBusinessSeconds, int reopenCount, UUID slaPolicyId, boolean firstResponseBreached,
        boolean nextResponseBreached, boolean resolutionBreached, int slaWarnings, int slaBreaches,
        int slaSecondLevel, List<Response> responses) {

    /** A public agent reply that answered a waiting customer. */
    record Response(UUID messageId, Instant repliedAt, UUID agentId, boolean first, long waitSeconds,
            long waitBusinessSeconds) {
    }

    /** A status change messages do not imply (resolve, explicit pending or open). */
    record Mark(Instant at, ConversationStatus status) {
    }
}
