package org.parley.sla;

import org.parley.conversation.ConversationChanged;
import org.parley.conversation.MessageReceived;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Keeps SLA clocks in step with their conversations, after each change has committed. */
@Component
class SlaListeners {

    private final SlaClocks clocks;

    SlaListeners(SlaClocks clocks) {
        this.clocks = clocks;
    }

    @ApplicationModuleListener
    void on(MessageReceived event) {
        if (!event.newConversation()) {
            clocks.customerMessage(event.conversationId(), event.occurredAt());
        }
    }

    @ApplicationModuleListener
    void on(ConversationChanged event) {
        clocks.conversationChanged(event.conversationId(), event.change());
    }
}
