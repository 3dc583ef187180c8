package org.parley.conversation;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ConversationMergeMoveRepository extends JpaRepository<ConversationMergeMove, ConversationMergeMove.Key> {

    @Query("select m.conversationId from ConversationMergeMove m where m.mergeId = :mergeId")
    List<UUID> conversationsMovedBy(UUID mergeId);
}
