package org.parley.realtime.internal;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.UUID;
import org.parley.realtime.NotificationCenter;
import org.parley.sla.EscalationRaised;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * SLA escalations reach people: each agent the escalation names (the assignee at a warning; assignee and
 * team leads at a breach; supervisors at the second level) gets a bell notification, and open screens
 * showing the conversation refresh (its priority and queue changed).
 */
@Component
class EscalationNotifications {

    private static final Logger log = LoggerFactory.getLogger(EscalationNotifications.class);

    private final NotificationCenter center;
    private final LiveEventSource live;

    EscalationNotifications(NotificationCenter center, LiveEventSource live) {
        this.center = center;
        this.live = live;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(EscalationRaised escalation) {
        String text = describe(escalation);
        for (UUID agentId : new LinkedHashSet<>(escalation.notifyAgentIds())) {
            try {
                center.notify(agentId, NotificationCenter.ESCALATION, escalation.conversationId(), text);
            } catch (RuntimeException e) {
                log.warn("Could not notify {} of escalation {}: {}", agentId, escalation.escalationId(), e.toString());
            }
        }
        live.escalated(escalation.conversationId());
    }

    static String describe(EscalationRaised e) {
        String target = e.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return switch (e.level()) {
            case WARNING -> "SLA warning: " + target + " due soon";
            case BREACH -> "SLA breached: " + target + " overdue; moved to the escalation queue";
            case SECOND_LEVEL -> "SLA second-level escalation: " + target + " long overdue";
        };
    }
}
