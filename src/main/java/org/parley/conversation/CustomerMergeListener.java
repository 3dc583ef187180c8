package org.parley.conversation;

import org.parley.customer.CustomersMerged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Moves conversations and timeline entries to the surviving customer, inside the merge transaction. */
@Component
class CustomerMergeListener {

    private final ConversationRepository conversations;
    private final MessageRepository messages;

    CustomerMergeListener(ConversationRepository conversations, MessageRepository messages) {
        this.conversations = conversations;
        this.messages = messages;
    }

    @EventListener
    void on(CustomersMerged merged) {
        conversations.moveToCustomer(merged.absorbedId(), merged.survivorId());
        messages.moveToCustomer(merged.absorbedId(), merged.survivorId());
    }
}
