package org.parley.conversation;

import java.util.UUID;

/**
 * A slice of the inbox an agent works from.
 *
 * @param teamId the team, for {@link Kind#TEAM} only
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
        RESOLVED
    }

    public static final Queue MINE = new Queue(Kind.MINE, null);
    public static final Queue UNASSIGNED = new Queue(Kind.UNASSIGNED, null);
    public static final Queue ALL_OPEN = new Queue(Kind.ALL_OPEN, null);
    public static final Queue RESOLVED = new Queue(Kind.RESOLVED, null);

    public static Queue team(UUID teamId) {
        return new Queue(Kind.TEAM, teamId);
    }
}
