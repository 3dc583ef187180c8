package org.parley.routing;

import org.parley.conversation.ConversationChanged;
import org.parley.conversation.MessageReceived;
import org.parley.routing.RoutingEnums.Trigger;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Routes after the triggering change has committed. A customer message routes as
 * CONVERSATION_CREATED or CUSTOMER_REPLIED; an agent's change as CONVERSATION_UPDATED. Changes made
 * by routing itself are recognised synchronously, on the thread that makes them, and dropped.
 */
@Component
class RoutingListeners {

    private final RoutingEngine engine;
    private final Assignment assignment;
    private final ApplicationEventPublisher events;

    RoutingListeners(RoutingEngine engine, Assignment assignment, ApplicationEventPublisher events) {
        this.engine = engine;
        this.assignment = assignment;
        this.events = events;
    }

    @ApplicationModuleListener
    void on(MessageReceived event) {
        engine.route(event.conversationId(), event.newConversation() ? Trigger.CONVERSATION_CREATED
                : Trigger.CUSTOMER_REPLIED, event.newConversation());
    }

    /** Synchronous, inside the changing transaction: only changes not made by routing are routed (after commit). */
    @EventListener
    void changed(ConversationChanged event) {
        if (!RoutingGuard.active()) {
            events.publishEvent(new RoutingRequested(event.conversationId(), Trigger.CONVERSATION_UPDATED, false,
                    event.change()));
        }
    }

    @ApplicationModuleListener
    void on(RoutingRequested event) {
        engine.route(event.conversationId(), event.trigger(), event.firstMessage());
        if ("status".equals(event.change()) || "assignee".equals(event.change()) || "reply".equals(event.change())) {
            // a resolved conversation or a reassignment may free an agent: give waiting conversations a chance
            java.util.List<java.util.UUID> teams = java.util.List.copyOf(engine.affectedTeams(event.conversationId()));
            RoutingGuard.run(() -> assignment.drain(teams));
        }
    }
}
