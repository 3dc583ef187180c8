package org.parley.routing;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.parley.base.events.DomainEvent;
import org.parley.base.events.EventSubscriber;
import org.parley.conversation.AgentReplied;
import org.parley.csat.SatisfactionRated;
import org.parley.conversation.ConversationChanged;
import org.parley.conversation.ConversationChanged.Assigned;
import org.parley.conversation.ConversationChanged.StatusChanged;
import org.parley.conversation.MessageReceived;
import org.parley.conversation.Origin;
import org.parley.routing.RoutingEnums.Trigger;
import org.springframework.stereotype.Component;

/**
 * Routes committed changes: a customer message as CONVERSATION_CREATED or CUSTOMER_REPLIED, an agent's (or
 * SLA's) change as CONVERSATION_UPDATED. Routing's own changes carry {@link Origin#ROUTING} and are not routed
 * again. A customer's satisfaction answer ({@link SatisfactionRated}) runs the CSAT_RATED rules. A resolve, a reassignment or a reply may free an agent: the teams involved drain their waiting
 * conversations once per batch.
 */
@Component
class RoutingListeners implements EventSubscriber {

    private final RoutingEngine engine;
    private final Assignment assignment;

    RoutingListeners(RoutingEngine engine, Assignment assignment) {
        this.engine = engine;
        this.assignment = assignment;
    }

    @Override
    public String name() {
        return "routing";
    }

    @Override
    public boolean accepts(Class<? extends DomainEvent> type) {
        return type == MessageReceived.class || type == ConversationChanged.class || type == AgentReplied.class
                || type == SatisfactionRated.class;
    }

    @Override
    public void handle(List<DomainEvent> events) {
        // the customer messages' facts read together; a conversation's facts serve only its first routing here,
        // a later one reads them again after what the earlier rules changed
        Map<UUID, Boolean> firstMessages = new LinkedHashMap<>();
        for (DomainEvent event : events) {
            if (event instanceof MessageReceived m) {
                firstMessages.putIfAbsent(m.conversationId(), m.newConversation());
            }
        }
        Map<UUID, RoutingFacts> prefetched = firstMessages.size() > 1 ? engine.facts(firstMessages) : Map.of();
        Set<UUID> routed = new HashSet<>();
        Set<UUID> freed = new LinkedHashSet<>();
        for (DomainEvent event : events) {
            switch (event) {
                case MessageReceived m -> {
                    Trigger trigger = m.newConversation() ? Trigger.CONVERSATION_CREATED : Trigger.CUSTOMER_REPLIED;
                    RoutingFacts facts = routed.add(m.conversationId()) ? prefetched.get(m.conversationId()) : null;
                    if (facts != null) {
                        engine.route(m.conversationId(), trigger, facts);
                    } else {
                        engine.route(m.conversationId(), trigger, m.newConversation());
                    }
                }
                // a snooze or a wake is no rule trigger, but it changes the assignee's load
                case ConversationChanged c when c.only(ConversationChanged.SnoozeChanged.class) ->
                        freed.add(c.conversationId());
                case ConversationChanged c when c.origin() != Origin.ROUTING -> {
                    routed.add(c.conversationId());
                    engine.route(c.conversationId(), Trigger.CONVERSATION_UPDATED, false);
                    if (c.has(StatusChanged.class) || c.has(Assigned.class)) {
                        freed.add(c.conversationId());
                    }
                }
                case AgentReplied r when r.origin() != Origin.ROUTING -> {
                    routed.add(r.conversationId());
                    engine.route(r.conversationId(), Trigger.CONVERSATION_UPDATED, false);
                    freed.add(r.conversationId());
                }
                case SatisfactionRated r -> {
                    routed.add(r.conversationId());
                    engine.routeRating(r.conversationId(), r.score());
                }
                default -> {
                }
            }
        }
        Set<UUID> teams = new LinkedHashSet<>();
        freed.forEach(id -> teams.addAll(engine.affectedTeams(id)));
        if (!teams.isEmpty()) {
            assignment.drain(List.copyOf(teams));
        }
    }
}
