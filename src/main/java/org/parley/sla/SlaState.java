package org.parley.sla;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A conversation's SLA state, as shown in {@code GET /api/v1/conversations/{id}} under {@code sla}.
 *
 * @param targets the policy's minutes for the conversation's priority, and each target's due time
 * @param escalationLevel the highest level reached by a target that is still running, or null
 */
public record SlaState(UUID policyId, String policyName, String calendarTimeZone, String priority,
        List<TargetState> targets, String escalationLevel, List<Breach> breaches, List<Escalation> escalations) {

    /**
     * @param status RUNNING, PAUSED (resolution clock while PENDING or snoozed), MET, or STOPPED (resolved/closed)
     */
    public record TargetState(String target, Integer minutes, Instant startedAt, Instant dueAt, Instant metAt,
            String status, boolean breached) {
    }

    public record Breach(String target, Instant dueAt, Instant breachedAt) {
    }

    public record Escalation(UUID id, String target, String level, Instant dueAt, Instant raisedAt,
            UUID acknowledgedBy, Instant acknowledgedAt) {
    }
}
