package org.parley.wallboard;

import java.time.Instant;
import java.util.List;

/**
 * What one viewer's wallboard shows.
 *
 * @param computedAt when the numbers were read from the database
 * @param teams one entry per team the viewer may see, by name; for supervisors and admins also
 *        "No team" when conversations without a team are open or escalated
 * @param totals the sums over the viewer's scope (each agent counted once)
 */
public record WallboardSnapshot(Instant computedAt, List<Tiles> teams, Tiles totals) {
}
