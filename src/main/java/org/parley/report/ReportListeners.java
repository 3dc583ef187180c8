package org.parley.report;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.parley.base.events.DomainEvent;
import org.parley.base.events.EventSubscriber;
import org.parley.conversation.ConversationEvent;
import org.parley.conversation.ConversationsPurging;
import org.parley.conversation.NoteAdded;
import org.parley.sla.EscalationRaised;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Keeps the reporting facts in step with conversations: each conversation of a batch once. */
@Component
class ReportListeners implements EventSubscriber {

    private final FactMaintainer facts;
    private final FactStore store;

    ReportListeners(FactMaintainer facts, FactStore store) {
        this.facts = facts;
        this.store = store;
    }

    @Override
    public String name() {
        return "reports";
    }

    @Override
    public boolean accepts(Class<? extends DomainEvent> type) {
        return (ConversationEvent.class.isAssignableFrom(type) && type != NoteAdded.class)
                || type == EscalationRaised.class;
    }

    @Override
    public void handle(List<DomainEvent> events) {
        Set<UUID> touched = new LinkedHashSet<>();
        for (DomainEvent event : events) {
            switch (event) {
                case ConversationEvent c -> touched.add(c.conversationId());
                case EscalationRaised e -> touched.add(e.conversationId());
                default -> {
                }
            }
        }
        touched.forEach(facts::refreshInTransaction);
    }

    /** Inside the deleting transaction, as the event asks: facts go with their conversations. */
    @EventListener
    void on(ConversationsPurging event) {
        store.deleteWithHistory(event.conversationIds());
    }
}
