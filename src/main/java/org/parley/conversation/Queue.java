package org.parley.conversation;

import java.util.UUID;

/**
 * A slice of the inbox an agent works from.
 *
 * @param teamId the team, for {@link Kind#TEAM} and {@link Kind#TEAM_NEEDS_REPLY} only
 */
public record Queue(Kind kind, UUID teamId) {

    public enum Kind {
        /** open and pending conversations assigned to the current agent */
        MINE,
        /** open and pending conversations nobody is assigned to */
        UNASSIGNED,
        /** open and pending conversations of one team */
        TEAM,
        /** every open and pending conversation */
        ALL_OPEN,
        /** resolved and closed conversations */
        RESOLVED,
        /** open conversations assigned to the current agent whose customer had the last word */
        NEEDS_MY_REPLY,
        /** open conversations of one team whose customer had the last word */
        TEAM_NEEDS_REPLY,
        /** open and pending conversations parked until a time or the customer's reply (no other queue shows them) */
        SNOOZED
    }

    public static final Queue MINE = new Queue(Kind.MINE, null);
    public static final Queue UNASSIGNED = new Queue(Kind.UNASSIGNED, null);
    public static final Queue ALL_OPEN = new Queue(Kind.ALL_OPEN, null);
    public static final Queue RESOLVED = new Queue(Kind.RESOLVED, null);

    public static final Queue NEEDS_MY_REPLY = new Queue(Kind.NEEDS_MY_REPLY, null);
    public static final Queue SNOOZED = new Queue(Kind.SNOOZED, null);

    public static Queue team(UUID teamId) {
        return new Queue(Kind.TEAM, teamId);
    }

    /** The team's open conversations that wait on an answer from us. */
    public static Queue teamNeedsReply(UUID teamId) {
        return new Queue(Kind.TEAM_NEEDS_REPLY, teamId);
    }

    /**
     * Whether a conversation in this state belongs to the queue of agent {@code agentId} (visibility aside), the
     * rule {@link InboxQueries} applies in its queries. Merged pointers are closed and in no queue; this answers for
     * conversations that are not merged.
     */
    public boolean holds(ConversationStatus status, UUID team, UUID assigneeId, boolean awaitingReply,
            boolean snoozed, UUID agentId) {
        boolean active = status.isActive();
        boolean awake = active && !snoozed;
        boolean needsReply = awaitingReply && status == ConversationStatus.OPEN && !snoozed;
        boolean mine = agentId != null && agentId.equals(assigneeId);
        return switch (kind) {
            case MINE -> awake && mine;
            case NEEDS_MY_REPLY -> needsReply && mine;
            case UNASSIGNED -> awake && assigneeId == null;
            case TEAM -> awake && teamId.equals(team);
            case TEAM_NEEDS_REPLY -> needsReply && teamId.equals(team);
            case ALL_OPEN -> awake;
            case RESOLVED -> !active;
            case SNOOZED -> active && snoozed;
        };
    }

    /** A viewer's own assignments: visible to them by definition, whatever the team. */
    public boolean ownOnly() {
        return kind == Kind.MINE || kind == Kind.NEEDS_MY_REPLY;
    }
}
