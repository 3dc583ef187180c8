package org.parley.realtime.internal;

import org.parley.conversation.ConversationAccess.Viewer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.parley.base.events.CommittedEventsListener;
import org.parley.base.events.DomainEvent;
import org.parley.conversation.AgentReplied;
import org.parley.conversation.CallLogged;
import org.parley.conversation.ConversationChanged;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationView;
import org.parley.conversation.ConversationsMerged;
import org.parley.conversation.ConversationsUnmerged;
import org.parley.conversation.DeliveryUpdated;
import org.parley.conversation.MessageReceived;
import org.parley.conversation.NoteAdded;
import org.parley.customer.CustomerDirectory;
import org.parley.realtime.LiveBus;
import org.parley.realtime.LiveEvent;
import org.parley.realtime.NotificationCenter;
import org.parley.realtime.NotificationRaised;
import org.parley.sla.EscalationRaised;
import org.parley.team.TeamDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one live publisher: after each commit it turns the transaction's events into what screens, STOMP
 * clients and other nodes see — one {@link LiveEvent} per conversation per transaction (a rule run that
 * changed four fields repaints once), and the notifications stored with it. It runs on the spine's live
 * thread, in commit order, never on the thread that committed.
 */
@Component
class LiveEventSource implements CommittedEventsListener {

    private static final Logger log = LoggerFactory.getLogger(LiveEventSource.class);

    private final ConversationService conversations;
    private final CustomerDirectory customers;
    private final TeamDirectory team;
    private final LiveBus bus;
    private final NotificationCenter notifications;

    private final TransactionTemplate reading;

    LiveEventSource(ConversationService conversations, CustomerDirectory customers, TeamDirectory team, LiveBus bus,
            NotificationCenter notifications, PlatformTransactionManager transactions) {
        this.reading = new TransactionTemplate(transactions);
        this.reading.setReadOnly(true);
        this.conversations = conversations;
        this.customers = customers;
        this.team = team;
        this.bus = bus;
        this.notifications = notifications;
    }

    /** What one transaction did to one conversation, as a screen needs to know it. */
    private record Touch(String type, String change, UUID messageId, boolean newConversation) {
    }

    @Override
    public void committed(List<DomainEvent> events) {
        Map<UUID, Touch> touched = new LinkedHashMap<>();
        for (DomainEvent event : events) {
            switch (event) {
                case MessageReceived m -> touched.put(m.conversationId(),
                        new Touch(LiveEvent.MESSAGE_RECEIVED, "message", m.messageId(), m.newConversation()));
                case AgentReplied r -> changed(touched, r.conversationId(), "reply");
                case NoteAdded n -> changed(touched, n.conversationId(), "note");
                case CallLogged c -> changed(touched, c.conversationId(), "call");
                case DeliveryUpdated d -> changed(touched, d.conversationId(), "delivery");
                case ConversationChanged c -> changed(touched, c.conversationId(), changeName(c));
                case EscalationRaised e -> changed(touched, e.conversationId(), "escalation");
                case ConversationsMerged m -> {
                    changed(touched, m.survivorId(), "merged");
                    changed(touched, m.absorbedId(), "merged");
                }
                case ConversationsUnmerged u -> {
                    changed(touched, u.survivorId(), "unmerged");
                    changed(touched, u.absorbedId(), "unmerged");
                }
                case org.parley.customer.CustomerChanged c -> conversations.conversationsOf(Viewer.SYSTEM,
                        c.customerId()).forEach(conversation -> changed(touched, conversation.id(), "customer"));
                case NotificationRaised n -> {
                    notifications.deliverLocally(org.parley.conversation.ConversationAccess.Viewer.SYSTEM, n.notification());
                    bus.relay(n.notification());
                }
                default -> {
                }
            }
        }
        emit(touched);
    }

    /** A customer message outweighs the changes routing made to it in the same transaction. */
    private static void changed(Map<UUID, Touch> touched, UUID conversationId, String change) {
        Touch earlier = touched.get(conversationId);
        if (earlier == null || !earlier.type().equals(LiveEvent.MESSAGE_RECEIVED)) {
            touched.put(conversationId, new Touch(LiveEvent.CONVERSATION_CHANGED, change, null, false));
        }
    }

    private static String changeName(ConversationChanged c) {
        return switch (c.changes().getFirst()) {
            case ConversationChanged.StatusChanged s -> "status";
            case ConversationChanged.Assigned a -> "assignee";
            case ConversationChanged.TeamChanged t -> "team";
            case ConversationChanged.PriorityChanged p -> "priority";
            case ConversationChanged.TagsChanged t -> "tags";
            case ConversationChanged.SnoozeChanged s -> s.to() == null ? "woke" : "snooze";
        };
    }

    private record Read(List<ConversationView> found, Map<UUID, String> customerNames,
            Map<UUID, String> assigneeNames) {
    }

    /** One read of the conversations, their customers' and assignees' names for the whole transaction. */
    private void emit(Map<UUID, Touch> touched) {
        if (touched.isEmpty()) {
            return;
        }
        Read read;
        try {
            // one transaction for the three reads (each alone opened and ended one of its own)
            read = reading.execute(status -> {
                List<ConversationView> found = conversations.findAll(Viewer.SYSTEM, touched.keySet());
                List<UUID> assignees = found.stream().map(ConversationView::assigneeId).filter(Objects::nonNull)
                        .distinct().toList();
                return new Read(found, customers.names(found.stream().map(ConversationView::customerId)
                        .collect(Collectors.toSet())), assignees.isEmpty() ? Map.of() : team.agentNames(assignees));
            });
        } catch (RuntimeException e) {
            log.warn("Could not publish the live events of {} conversations: {}", touched.size(), e.toString());
            return;
        }
        Map<UUID, String> customerNames = read.customerNames();
        Map<UUID, String> assigneeNames = read.assigneeNames();
        for (ConversationView c : read.found()) {
            Touch touch = touched.get(c.id());
            try {
                bus.publish(new LiveEvent(touch.type(), touch.change(), c.id(), c.customerId(), touch.messageId(),
                        c.teamId(), c.assigneeId(), c.assigneeId() == null ? null : assigneeNames.get(c.assigneeId()),
                        customerNames.get(c.customerId()), c.channel(), c.subject(), c.snippet(), c.status().name(),
                        c.priority().name(), touch.newConversation(), c.lastActivityAt(), bus.node()));
            } catch (RuntimeException e) {
                log.warn("Could not publish the live event of conversation {}: {}", c.id(), e.toString());
            }
        }
    }
}
