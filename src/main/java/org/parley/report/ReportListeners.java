package org.parley.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.parley.base.events.DomainEvent;
import org.parley.base.events.EventSubscriber;
import org.parley.conversation.AgentReplied;
import org.parley.conversation.CallLogged;
import org.parley.conversation.ConversationChanged;
import org.parley.conversation.ConversationChanged.TagsChanged;
import org.parley.conversation.ConversationsMerged;
import org.parley.conversation.ConversationsPurging;
import org.parley.conversation.ConversationsUnmerged;
import org.parley.conversation.MessageReceived;
import org.parley.sla.EscalationRaised;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the reporting facts in step with conversations: the events of a batch, grouped by conversation in
 * their order, are applied as steps on each conversation's stored replay state (see {@link FactMaintainer}).
 * Notes, deliveries and tag changes do not change any fact and are not read.
 */
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
        return type == MessageReceived.class || type == AgentReplied.class || type == CallLogged.class
                || type == ConversationChanged.class || type == EscalationRaised.class
                || type == ConversationsMerged.class || type == ConversationsUnmerged.class;
    }

    @Override
    public void handle(List<DomainEvent> events) {
        Map<UUID, List<DomainEvent>> byConversation = new LinkedHashMap<>();
        for (DomainEvent event : events) {
            if (event instanceof ConversationsMerged || event instanceof ConversationsUnmerged) {
                // messages moved between two conversations: steps cannot say that, both are recomputed (a merged
                // one is a pointer, its facts go); what came before in the batch is applied first
                facts.applyAll(byConversation);
                byConversation.clear();
                switch (event) {
                    case ConversationsMerged m -> {
                        facts.refreshInTransaction(m.absorbedId());
                        facts.refreshInTransaction(m.survivorId());
                    }
                    case ConversationsUnmerged u -> {
                        facts.refreshInTransaction(u.survivorId());
                        facts.refreshInTransaction(u.absorbedId());
                    }
                    default -> {
                    }
                }
                continue;
            }
            UUID conversationId = switch (event) {
                case ConversationChanged c when c.changes().stream().allMatch(TagsChanged.class::isInstance) -> null;
                // a snooze or a wake changes no figure (its status, assignee and team stay)
                case ConversationChanged c when c.only(ConversationChanged.SnoozeChanged.class) -> null;
                case MessageReceived m -> m.conversationId();
                case AgentReplied r -> r.conversationId();
                case CallLogged c -> c.conversationId();
                case ConversationChanged c -> c.conversationId();
                case EscalationRaised e -> e.conversationId();
                default -> null;
            };
            if (conversationId != null) {
                byConversation.computeIfAbsent(conversationId, id -> new ArrayList<>()).add(event);
            }
        }
        facts.applyAll(byConversation);
    }

    /** Inside the deleting transaction, as the event asks: facts go with their conversations. */
    @EventListener
    void on(ConversationsPurging event) {
        store.deleteWithHistory(event.conversationIds());
    }
}
