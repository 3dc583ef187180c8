package org.parley.sla.internal;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface SlaEscalationRepository extends JpaRepository<SlaEscalation, UUID> {

    List<SlaEscalation> findByConversationIdOrderByRaisedAt(UUID conversationId);

    List<SlaEscalation> findByConversationIdInAndAcknowledgedAtIsNull(java.util.Collection<UUID> conversationIds);
}
