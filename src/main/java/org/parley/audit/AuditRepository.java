package org.parley.audit;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface AuditRepository extends JpaRepository<AuditEntry, UUID> {

    List<AuditEntry> findBySubjectIdOrderByOccurredAt(String subjectId);
}
