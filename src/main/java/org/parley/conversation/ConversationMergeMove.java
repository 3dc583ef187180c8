package org.parley.conversation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;

/** A conversation that a customer merge moved to the survivor: moved back if the merge is undone. */
@Entity
@Table(name = "conversation_merge_move")
@IdClass(ConversationMergeMove.Key.class)
class ConversationMergeMove {

    record Key(UUID mergeId, UUID conversationId) implements Serializable {

        Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "merge_id")
    private UUID mergeId;

    @Id
    @Column(name = "conversation_id")
    private UUID conversationId;

    protected ConversationMergeMove() {
    }

    ConversationMergeMove(UUID mergeId, UUID conversationId) {
        this.mergeId = mergeId;
        this.conversationId = conversationId;
    }
}
