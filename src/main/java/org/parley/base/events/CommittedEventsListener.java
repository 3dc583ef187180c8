package org.parley.base.events;

import java.util.List;

/**
 * Live reactions that need no durability (push to screens, STOMP, other nodes, waking the outbox): called
 * once per committed transaction with its events, in commit order, on one Spring-managed thread, never on
 * the thread that committed (which still holds its database connection).
 */
public interface CommittedEventsListener {

    void committed(List<DomainEvent> events);
}
