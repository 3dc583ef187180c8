package org.parley.routing.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface RoutingRuleRepository extends JpaRepository<RoutingRule, UUID> {

    List<RoutingRule> findAllByOrderByPositionAscNameAsc();

    Optional<RoutingRule> findByNameIgnoreCase(String name);

    @Query("select coalesce(max(r.position), 0) from RoutingRule r")
    int maxPosition();

    /** A cheap fingerprint of the rule table: any save, delete or reorder changes it. */
    @Query("select count(r), max(r.updatedAt), sum(r.version) from RoutingRule r")
    List<Object[]> fingerprint();
}
