package org.parley.sla.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface SlaCalendarRepository extends JpaRepository<SlaCalendar, UUID> {

    Optional<SlaCalendar> findByNameIgnoreCase(String name);

    List<SlaCalendar> findAllByOrderByName();
}
