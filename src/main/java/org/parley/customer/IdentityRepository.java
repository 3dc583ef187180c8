package org.parley.customer;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;
import org.parley.base.Channel;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface IdentityRepository extends JpaRepository<Identity, UUID>, IdentityListQueries {

    @Query("select i from Identity i join fetch i.customer where i.type = :type and i.value = :value")
    Optional<Identity> findByKey(Channel type, String value);

    @Query("select count(i) > 0 from Identity i where i.type = :type and i.value = :value")
    boolean existsByKey(Channel type, String value);

    /** Locks identity and customer: ingestion of one customer's messages is serialised per customer. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select i from Identity i join fetch i.customer where i.type = :type and i.value = :value")
    Optional<Identity> findByKeyForUpdate(Channel type, String value);
}
