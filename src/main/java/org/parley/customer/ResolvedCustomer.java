package org.parley.customer;

import java.util.UUID;

/** The customer an identity belongs to; {@code created} when this lookup made a new one. */
public record ResolvedCustomer(UUID customerId, boolean created) {
}
