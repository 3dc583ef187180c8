package org.parley.customer;

import java.util.UUID;

/**
 * Published inside the merge transaction: everything that belonged to {@code absorbedId} now belongs
 * to {@code survivorId}. Modules holding customer ids move their records in the same transaction, and remember
 * what they moved under {@code mergeId} in case the merge is undone ({@link CustomersUnmerged}).
 */
public record CustomersMerged(UUID survivorId, UUID absorbedId, UUID mergeId) {
}
