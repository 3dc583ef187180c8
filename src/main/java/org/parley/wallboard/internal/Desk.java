package org.parley.wallboard.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The raw desk figures one recomputation reads: enough to build the board of any scope without
 * another query.
 *
 * @param teams every team, id to name, in name order
 * @param queues open conversations per team (key null: without a team)
 * @param sla escalated active SLA clocks per team (key null: without a team)
 * @param agents every active agent with presence and teams
 */
public record Desk(Instant computedAt, Map<UUID, String> teams, Map<UUID, Queue> queues, Map<UUID, Sla> sla,
        List<AgentRow> agents) {

    public record Queue(long depth, long unassigned, Instant oldestWaitingSince) {
    }

    public record Sla(long atRisk, long breached) {
    }

    /** @param presence ONLINE, AWAY or OFFLINE (OFFLINE when the agent never set one) */
    public record AgentRow(UUID agentId, String presence, List<UUID> teamIds) {
    }
}
