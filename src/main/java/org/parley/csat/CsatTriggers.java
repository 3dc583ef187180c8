package org.parley.csat;

import java.util.List;
import org.parley.base.events.DomainEvent;
import org.parley.base.events.EventSubscriber;
import org.parley.conversation.ConversationChanged;
import org.parley.conversation.ConversationChanged.StatusChanged;
import org.parley.conversation.ConversationStatus;
import org.springframework.stereotype.Component;

/** A resolved conversation gets a satisfaction survey (scheduled in the spine's batch transaction). */
@Component
class CsatTriggers implements EventSubscriber {

    private final CsatSurveys surveys;
    private final CsatProperties properties;

    CsatTriggers(CsatSurveys surveys, CsatProperties properties) {
        this.surveys = surveys;
        this.properties = properties;
    }

    @Override
    public String name() {
        return "csat";
    }

    @Override
    public boolean accepts(Class<? extends DomainEvent> type) {
        return type == ConversationChanged.class;
    }

    @Override
    public void handle(List<DomainEvent> events) {
        if (!properties.enabled()) {
            return;
        }
        for (DomainEvent event : events) {
            if (event instanceof ConversationChanged c && c.find(StatusChanged.class)
                    .filter(s -> s.to() == ConversationStatus.RESOLVED && s.from() != ConversationStatus.RESOLVED)
                    .isPresent()) {
                surveys.schedule(c.conversationId(), c.occurredAt());
            }
        }
    }
}
