package org.parley.customer;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.parley.base.persistence.ListQuery;

class CustomerListQueriesImpl implements CustomerListQueries {

    @PersistenceContext
    private EntityManager em;

    @Override
    public Map<UUID, String> findNames(Collection<UUID> ids) {
        Map<UUID, String> names = new HashMap<>();
        for (Object[] row : ListQuery.of(em, Object[].class,
                "select c.id, c.displayName from Customer c where c.id in (:ids)").list("ids", ids).getResultList()) {
            names.put((UUID) row[0], (String) row[1]);
        }
        return names;
    }

    @Override
    public List<Customer> findAllWithIdentities(Collection<UUID> ids) {
        return ListQuery.of(em, Customer.class,
                "select c from Customer c left join fetch c.identities i where c.id in (:ids) order by c.id, i.type, i.value")
                .list("ids", ids).getResultList();
    }

    @Override
    public List<Customer> fetchAttributes(Collection<UUID> ids) {
        return ListQuery.of(em, Customer.class, "select c from Customer c left join fetch c.attributes where c.id in (:ids)")
                .list("ids", ids).getResultList();
    }
}
