package org.parley.report;

import org.parley.conversation.ConversationChanged;
import org.parley.conversation.ConversationsPurging;
import org.parley.conversation.MessageReceived;
import org.parley.sla.EscalationRaised;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Keeps the reporting facts in step with conversations, after each change has committed. */
@Component
class ReportListeners {

    private final FactMaintainer facts;
    private final FactStore store;

    ReportListeners(FactMaintainer facts, FactStore store) {
        this.facts = facts;
        this.store = store;
    }

    @ApplicationModuleListener
    void on(MessageReceived event) {
        facts.refresh(event.conversationId(), true);
    }

    @ApplicationModuleListener
    void on(ConversationChanged event) {
        facts.refresh(event.conversationId(), true);
    }

    @ApplicationModuleListener
    void on(EscalationRaised event) {
        facts.refresh(event.conversationId(), true);
    }

    /** Inside the deleting transaction, as the event asks: facts go with their conversations. */
    @EventListener
    void on(ConversationsPurging event) {
        store.deleteWithHistory(event.conversationIds());
    }
}
