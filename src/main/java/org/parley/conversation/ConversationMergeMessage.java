package org.parley.conversation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;

/** A message that a conversation merge moved into the survivor: moved back if the merge is undone. */
@Entity
@Table(name = "conversation_merge_message")
@IdClass(ConversationMergeMessage.Key.class)
class ConversationMergeMessage {

    record Key(UUID mergeId, UUID messageId) implements Serializable {

        Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "merge_id")
    private UUID mergeId;

    @Id
    @Column(name = "message_id")
    private UUID messageId;

    protected ConversationMergeMessage() {
    }

    ConversationMergeMessage(UUID mergeId, UUID messageId) {
        this.mergeId = mergeId;
        this.messageId = messageId;
    }
}
