package org.parley.customer;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.parley.base.Channel;

/** A read-only picture of a customer, safe to hand to views and APIs outside a transaction. */
public record CustomerProfile(UUID id, String displayName, String firstName, String company, String notes,
        Instant createdAt, Instant lastSeenAt, Map<String, String> attributes, List<IdentityView> identities) {

    public record IdentityView(UUID id, Channel type, String value, String displayValue) {
    }

    static CustomerProfile of(Customer c) {
        return new CustomerProfile(c.getId(), c.getDisplayName(), c.getFirstName(), c.getCompany(), c.getNotes(),
                c.getCreatedAt(), c.getLastSeenAt(), Map.copyOf(c.getAttributes()),
                c.getIdentities().stream()
                        .map(i -> new IdentityView(i.getId(), i.getType(), i.getValue(), i.getDisplayValue()))
                        .toList());
    }

    /** The channels Parley can answer this customer on, one per identity type. */
    public List<Channel> reachableChannels() {
        return identities.stream().map(IdentityView::type).distinct().sorted().toList();
    }

    /** The identity an answer on {@code channel} goes to, if the customer has one. */
    public java.util.Optional<IdentityView> identityFor(Channel channel) {
        return identities.stream().filter(i -> i.type() == channel).findFirst();
    }
}
