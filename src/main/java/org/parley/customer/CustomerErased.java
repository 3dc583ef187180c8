package org.parley.customer;

import java.util.UUID;

/**
 * A customer was erased on request. Published inside the erasing transaction: every module holding the
 * customer's data (messages, attachments, ...) removes or redacts it in the same transaction, so an erasure
 * is all or nothing.
 */
public record CustomerErased(UUID customerId) {
}
