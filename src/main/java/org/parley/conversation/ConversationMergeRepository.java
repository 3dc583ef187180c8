package org.parley.conversation;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ConversationMergeRepository extends JpaRepository<ConversationMerge, UUID> {

    @Query("""
            select m from ConversationMerge m where m.absorbedId = :absorbedId and m.unmergedAt is null
            order by m.mergedAt desc""")
    List<ConversationMerge> findActiveByAbsorbed(UUID absorbedId, Limit limit);

    default Optional<ConversationMerge> activeMergeOf(UUID absorbedId) {
        return findActiveByAbsorbed(absorbedId, Limit.of(1)).stream().findFirst();
    }
}
