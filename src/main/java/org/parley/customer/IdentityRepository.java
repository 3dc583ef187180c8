package org.parley.customer;

import java.util.Optional;
import java.util.UUID;
import org.parley.base.Channel;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface IdentityRepository extends JpaRepository<Identity, UUID> {

    @Query("select i from Identity i join fetch i.customer where i.type = :type and i.value = :value")
    Optional<Identity> findByKey(Channel type, String value);
}
