package org.parley.customer;

import java.util.UUID;

/**
 * Published inside the merge transaction: everything that belonged to {@code absorbedId} now belongs
 * to {@code survivorId}. Modules holding customer ids move their records in the same transaction.
 */
public record CustomersMerged(UUID survivorId, UUID absorbedId) {
}
