package org.parley.wallboard;

import java.time.Instant;
import java.util.UUID;

/**
 * The numbers of one team (or of the desk, as totals).
 *
 * @param teamId null for the totals and for conversations without a team
 * @param depth open conversations (status OPEN: the customer waits for the desk)
 * @param unassigned open conversations without an assignee
 * @param oldestWaitingSince when the customer of the longest-waiting unassigned open conversation
 *        last wrote (its creation if the customer never did), null when none waits
 * @param atRisk active conversations whose SLA clock reached the warning level
 * @param breached active conversations whose SLA clock is breached (first or second level)
 */
public record Tiles(UUID teamId, String teamName, long depth, long unassigned, Instant oldestWaitingSince,
        long agentsOnline, long agentsAway, long agentsOffline, long atRisk, long breached) {
}
