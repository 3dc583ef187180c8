package org.parley.base.events;

import java.util.List;

/**
 * The one way a module reacts to another's events: the spine hands it the committed events in order, in
 * batches, each batch in one transaction together with the subscriber's new position. What the subscriber
 * changes and how far it has read commit together, so an event is applied exactly once; a batch that fails
 * is retried event by event, and an event that still fails is parked, retried with backoff while the node
 * runs and counted as a failure in {@code /actuator/health} and the {@code parley.events.*} metrics.
 * Implementations are package-private beans of the reacting module.
 */
public interface EventSubscriber {

    /** A stable name: the subscriber's position is stored under it. */
    String name();

    /** Whether the subscriber wants this kind of event at all (others are skipped without a call). */
    boolean accepts(Class<? extends DomainEvent> type);

    /** Applies committed events, oldest first, inside the batch's transaction. */
    void handle(List<DomainEvent> events);
}
