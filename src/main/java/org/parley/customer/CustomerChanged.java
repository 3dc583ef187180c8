package org.parley.customer;

import java.time.Instant;
import java.util.UUID;
import org.parley.base.events.DomainEvent;

/**
 * A person edited a customer: name, company or notes, CRM attributes, or identities (not the last-seen time
 * that every message updates), merged or unmerged customers (one event for each of the two), or erased them
 * (after the erasure took their data out everywhere in its own transaction). Open customer panels repaint; the
 * search re-reads the customer's name and identities and which conversations are theirs.
 *
 * @param what {@code profile}, {@code attributes}, {@code identities}, {@code merged}, {@code unmerged} or
 *             {@code erased}
 */
public record CustomerChanged(UUID customerId, String what, Instant occurredAt) implements DomainEvent {

    @Override
    public UUID aggregateId() {
        return customerId;
    }
}
