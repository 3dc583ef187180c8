package org.parley.sla.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface SlaPolicyRepository extends JpaRepository<SlaPolicy, UUID> {

    Optional<SlaPolicy> findByNameIgnoreCase(String name);

    List<SlaPolicy> findAllByOrderByName();

    boolean existsByCalendarId(UUID calendarId);
}
