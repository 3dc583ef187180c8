package org.parley.conversation;

import java.util.List;
import java.util.UUID;
import org.parley.customer.CustomersMerged;
import org.parley.customer.CustomersUnmerged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Moves conversations and timeline entries to the surviving customer, inside the merge transaction, and
 * remembers which, so that undoing the merge moves exactly those back (conversations that started after the
 * merge stay with the survivor).
 */
@Component
class CustomerMergeListener {

    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final ConversationMergeMoveRepository moves;

    CustomerMergeListener(ConversationRepository conversations, MessageRepository messages,
            ConversationMergeMoveRepository moves) {
        this.conversations = conversations;
        this.messages = messages;
        this.moves = moves;
    }

    @EventListener
    void on(CustomersMerged merged) {
        List<UUID> moving = conversations.idsOfCustomer(merged.absorbedId());
        moves.saveAll(moving.stream().map(id -> new ConversationMergeMove(merged.mergeId(), id)).toList());
        conversations.moveToCustomer(merged.absorbedId(), merged.survivorId());
        messages.moveToCustomer(merged.absorbedId(), merged.survivorId());
    }

    @EventListener
    void on(CustomersUnmerged unmerged) {
        List<UUID> moved = moves.conversationsMovedBy(unmerged.mergeId());
        if (moved.isEmpty()) {
            return;
        }
        conversations.moveBack(moved, unmerged.survivorId(), unmerged.absorbedId());
        messages.moveBack(moved, unmerged.survivorId(), unmerged.absorbedId());
    }
}
