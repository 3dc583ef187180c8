package org.parley.realtime;

import java.util.UUID;
import org.parley.base.events.DomainEvent;

/** A notification was stored; once committed, the agent's open screens and STOMP sessions hear of it. */
public record NotificationRaised(NotificationView notification) implements DomainEvent {

    @Override
    public UUID aggregateId() {
        return notification.agentId();
    }
}
