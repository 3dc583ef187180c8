package org.parley.customer;

import java.util.UUID;

/**
 * Published inside the unmerge transaction: merge {@code mergeId} is undone and {@code absorbedId} is a
 * customer of its own again. Modules that moved records on {@link CustomersMerged} move them back.
 */
public record CustomersUnmerged(UUID mergeId, UUID survivorId, UUID absorbedId) {
}
