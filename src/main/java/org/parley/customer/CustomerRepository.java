package org.parley.customer;

import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface CustomerRepository extends JpaRepository<Customer, UUID>, CustomerListQueries {

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
}
