package org.parley.conversation;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ConversationMergeMessageRepository
        extends JpaRepository<ConversationMergeMessage, ConversationMergeMessage.Key> {

    @Query("select m.messageId from ConversationMergeMessage m where m.mergeId = :mergeId")
    List<UUID> messagesMovedBy(UUID mergeId);
}
