package org.parley.customer;

import java.time.Instant;
import java.util.UUID;
import org.parley.base.events.DomainEvent;

/**
 * A person edited a customer: name, company or notes, CRM attributes, or identities (not the last-seen time
 * that every message updates). Open customer panels repaint; the search re-reads the customer's name and
 * identities.
 *
 * @param what {@code profile}, {@code attributes} or {@code identities}
 */
public record CustomerChanged(UUID customerId, String what, Instant occurredAt) implements DomainEvent {

    @Override
    public UUID aggregateId() {
        return customerId;
    }
}
