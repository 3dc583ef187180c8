package org.parley.sla.internal;

import java.util.List;
import java.util.UUID;
import org.parley.sla.EscalationLevel;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface SlaEscalationRepository extends JpaRepository<SlaEscalation, UUID> {

    List<SlaEscalation> findByConversationIdOrderByRaisedAt(UUID conversationId);

    List<SlaEscalation> findByConversationIdInOrderByRaisedAt(java.util.Collection<UUID> conversationIds);

    List<SlaEscalation> findByConversationIdInAndAcknowledgedAtIsNull(java.util.Collection<UUID> conversationIds);

    /** Which of these conversations had an escalation of this level raised (in any target cycle). */
    @Query("select distinct e.conversationId from SlaEscalation e where e.conversationId in :conversationIds"
            + " and e.level = :level")
    List<UUID> conversationsWithLevel(java.util.Collection<UUID> conversationIds, EscalationLevel level);
}
