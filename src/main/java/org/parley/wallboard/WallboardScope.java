package org.parley.wallboard;

import java.util.Set;
import java.util.UUID;

/**
 * Which teams a wallboard shows: every team and the desk totals (SUPERVISOR, ADMIN), or the teams a
 * LEAD leads.
 *
 * @param teamIds null for every team
 */
public record WallboardScope(Set<UUID> teamIds) {

    public static final WallboardScope ALL = new WallboardScope(null);

    public WallboardScope {
        teamIds = teamIds == null ? null : Set.copyOf(teamIds);
    }

    public boolean all() {
        return teamIds == null;
    }

    public static WallboardScope of(Set<UUID> teamIds) {
        return new WallboardScope(teamIds);
    }
}
