package org.parley.sla;

import java.util.List;
import org.parley.base.events.DomainEvent;
import org.parley.base.events.EventSubscriber;
import org.parley.conversation.AgentReplied;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.ConversationChanged;
import org.parley.conversation.ConversationsMerged;
import org.parley.conversation.ConversationsUnmerged;
import org.parley.conversation.MessageReceived;
import org.springframework.stereotype.Component;

/**
 * Keeps SLA clocks in step with their conversations. A rule run or an escalation arrives as one
 * {@link ConversationChanged}, so it costs one recompute.
 */
@Component
class SlaListeners implements EventSubscriber {

    private final SlaClocks clocks;

    SlaListeners(SlaClocks clocks) {
        this.clocks = clocks;
    }

    @Override
    public String name() {
        return "sla";
    }

    @Override
    public boolean accepts(Class<? extends DomainEvent> type) {
        return type == MessageReceived.class || type == ConversationChanged.class || type == AgentReplied.class
                || type == ConversationsMerged.class || type == ConversationsUnmerged.class;
    }

    @Override
    public void handle(List<DomainEvent> events) {
        for (DomainEvent event : events) {
            switch (event) {
                case MessageReceived m when !m.newConversation() -> clocks.customerMessage(Viewer.SLA, m.conversationId(),
                        m.occurredAt());
                case AgentReplied r -> clocks.conversationChanged(Viewer.SLA, r.conversationId(), true);
                case ConversationChanged c -> clocks.conversationChanged(Viewer.SLA, c.conversationId(), false);
                // the absorbed conversation is closed (its clock stops), the survivor has new messages and status
                case ConversationsMerged m -> {
                    clocks.conversationChanged(Viewer.SLA, m.absorbedId(), false);
                    clocks.conversationChanged(Viewer.SLA, m.survivorId(), false);
                }
                case ConversationsUnmerged u -> {
                    clocks.conversationChanged(Viewer.SLA, u.absorbedId(), false);
                    clocks.conversationChanged(Viewer.SLA, u.survivorId(), false);
                }
                default -> {
                }
            }
        }
    }
}
