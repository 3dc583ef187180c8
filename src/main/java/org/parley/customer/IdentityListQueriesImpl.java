package org.parley.customer;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.List;
import org.parley.base.Channel;
import org.parley.base.persistence.ListQuery;

class IdentityListQueriesImpl implements IdentityListQueries {

    @PersistenceContext
    private EntityManager em;

    @Override
    public List<Identity> findByKeysForUpdate(Collection<Channel> types, Collection<String> values) {
        return ListQuery.of(em, Identity.class,
                        "select i from Identity i join fetch i.customer where i.type in (:types) and i.value in (:values)")
                .list("types", types).list("values", values).lock(LockModeType.PESSIMISTIC_WRITE).getResultList();
    }
}
