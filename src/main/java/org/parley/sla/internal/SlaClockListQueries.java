package org.parley.sla.internal;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** {@link SlaClockRepository}'s queries for a batch of conversations, through {@link org.parley.base.persistence.ListQuery}. */
public interface SlaClockListQueries {

    /** The clocks of these conversations, locked, in id order (the order every batch locks them in). */
    List<SlaClock> lockAll(Collection<UUID> conversationIds);

    List<SlaClock> findAllById(Iterable<UUID> conversationIds);
}
