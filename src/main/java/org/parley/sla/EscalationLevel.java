package org.parley.sla;

/**
 * How far an SLA target is overdue: WARNING at the policy's warnAtPercent, BREACH at 100 % (into
 * the team's escalation queue, priority raised, assignee and team leads notified), SECOND_LEVEL at
 * the policy's secondLevelPercent (supervisors notified).
 */
public enum EscalationLevel {
    WARNING, BREACH, SECOND_LEVEL
}
