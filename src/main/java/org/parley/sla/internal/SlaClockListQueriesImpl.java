package org.parley.sla.internal;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.parley.base.persistence.ListQuery;

class SlaClockListQueriesImpl implements SlaClockListQueries {

    @PersistenceContext
    private EntityManager em;

    @Override
    public List<SlaClock> lockAll(Collection<UUID> conversationIds) {
        return ListQuery.of(em, SlaClock.class,
                        "select c from SlaClock c where c.conversationId in (:ids) order by c.conversationId")
                .list("ids", conversationIds).lock(LockModeType.PESSIMISTIC_WRITE).getResultList();
    }

    @Override
    public List<SlaClock> findAllById(Iterable<UUID> conversationIds) {
        return ListQuery.findAllById(em, SlaClock.class, conversationIds);
    }
}
