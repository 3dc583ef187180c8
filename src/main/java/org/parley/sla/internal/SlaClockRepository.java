package org.parley.sla.internal;

import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface SlaClockRepository extends JpaRepository<SlaClock, UUID>, SlaClockListQueries {

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from SlaClock c where c.conversationId = ?1")
    Optional<SlaClock> lock(UUID conversationId);

    boolean existsByPolicyId(UUID policyId);

    /** Breached and at-risk clocks of the given teams, soonest next check first. */
    @Query("select c from SlaClock c where c.escalationLevel is not null and c.teamId in ?1"
            + " and c.status in (org.parley.conversation.ConversationStatus.OPEN,"
            + " org.parley.conversation.ConversationStatus.PENDING)")
    List<SlaClock> escalatedOfTeams(Collection<UUID> teamIds);

    @Query("select c from SlaClock c where c.escalationLevel is not null"
            + " and c.status in (org.parley.conversation.ConversationStatus.OPEN,"
            + " org.parley.conversation.ConversationStatus.PENDING)")
    List<SlaClock> escalated();
}
