package org.parley.sla;

import java.util.ArrayList;
import java.util.List;
import org.parley.base.events.DomainEvent;
import org.parley.base.events.EventSubscriber;
import org.parley.conversation.AgentReplied;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.ConversationChanged;
import org.parley.conversation.ConversationsMerged;
import org.parley.conversation.ConversationsUnmerged;
import org.parley.conversation.MessageReceived;
import org.parley.sla.SlaClocks.ClockStep;
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
        List<ClockStep> steps = new ArrayList<>();
        for (DomainEvent event : events) {
            switch (event) {
                case MessageReceived m when !m.newConversation() ->
                        steps.add(ClockStep.customerMessage(m.conversationId(), m.occurredAt()));
                case AgentReplied r -> steps.add(ClockStep.replied(r.conversationId()));
                case ConversationChanged c -> steps.add(ClockStep.changed(c.conversationId()));
                // the absorbed conversation is closed (its clock stops), the survivor has new messages and status
                case ConversationsMerged m -> {
                    steps.add(ClockStep.changed(m.absorbedId()));
                    steps.add(ClockStep.changed(m.survivorId()));
                }
                case ConversationsUnmerged u -> {
                    steps.add(ClockStep.changed(u.absorbedId()));
                    steps.add(ClockStep.changed(u.survivorId()));
                }
                default -> {
                }
            }
        }
        clocks.follow(Viewer.SLA, steps);
    }
}
