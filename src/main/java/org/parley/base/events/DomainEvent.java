package org.parley.base.events;

import java.util.UUID;

/**
 * A fact one module tells the others, carried on the {@link EventSpine}: an immutable record of ids and
 * values (never an entity), stored as JSON in the publishing transaction and read back by every
 * {@link EventSubscriber}.
 */
public interface DomainEvent {

    /** The record the event is about (a conversation, a customer), for the log and for ordering; may be null. */
    default UUID aggregateId() {
        return null;
    }
}
