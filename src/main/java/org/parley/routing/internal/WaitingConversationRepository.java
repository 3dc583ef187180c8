package org.parley.routing.internal;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

public interface WaitingConversationRepository extends JpaRepository<WaitingConversation, UUID> {

    List<WaitingConversation> findByTeamIdInOrderBySince(Collection<UUID> teamIds, Limit limit);

    long countByTeamId(UUID teamId);
}
