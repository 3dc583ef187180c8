package org.parley.customer;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface CustomerMergeRepository extends JpaRepository<CustomerMerge, UUID> {

    List<CustomerMerge> findBySurvivorIdOrderByMergedAtDescIdDesc(UUID survivorId);

    List<CustomerMerge> findBySurvivorIdIn(Collection<UUID> survivorIds);
}
