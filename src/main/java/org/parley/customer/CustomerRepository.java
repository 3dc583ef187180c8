package org.parley.customer;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface CustomerRepository extends JpaRepository<Customer, UUID> {

    @Query("select c.id as id, c.displayName as displayName from Customer c where c.id in :ids")
    List<CustomerName> findNames(Collection<UUID> ids);

    @Query("""
            select c from Customer c
            where c.mergedInto is null and lower(c.displayName) like :pattern escape '\\'
            order by c.displayName, c.id""")
    List<Customer> searchByName(String pattern, Limit limit);

    @Query("""
            select c from Identity i join i.customer c
            where i.value like :pattern escape '\\' and c.mergedInto is null
            order by c.displayName, c.id""")
    List<Customer> searchByIdentityPrefix(String pattern, Limit limit);

    @Query("select c from Customer c where c.mergedInto is null order by c.lastSeenAt desc, c.id desc")
    List<Customer> findRecentlySeen(Limit limit);

    List<Customer> findByMergedInto(UUID survivorId);

    /** The customers with these ids, their identities loaded (in the order of {@code Customer.identities}). */
    @Query("select c from Customer c left join fetch c.identities i where c.id in :ids order by c.id, i.type, i.value")
    List<Customer> findAllWithIdentities(Collection<UUID> ids);

    /** Loads the attributes of these customers (in the persistence context already, or loaded now) in one query. */
    @Query("select c from Customer c left join fetch c.attributes where c.id in :ids")
    List<Customer> fetchAttributes(Collection<UUID> ids);

    interface CustomerName {
        UUID getId();

        String getDisplayName();
    }
}
