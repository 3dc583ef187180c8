package org.parley.realtime.internal;

import org.parley.conversation.ConversationAccess.Viewer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.parley.base.events.DomainEvent;
import org.parley.base.events.EventSubscriber;
import org.parley.conversation.ConversationAccess;
import org.parley.conversation.ConversationChanged;
import org.parley.conversation.ConversationChanged.Assigned;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationView;
import org.parley.conversation.DeliveryFailed;
import org.parley.conversation.Mentions;
import org.parley.conversation.NoteAdded;
import org.parley.realtime.NotificationCenter;
import org.parley.sla.EscalationRaised;
import org.parley.team.Agent;
import org.parley.team.TeamDirectory;
import org.springframework.stereotype.Component;

/**
 * Notifications the other modules' events cause: an internal note that mentions {@code @firstname} (or
 * {@code @username}) notifies each active agent of that name who may see the conversation, except the
 * author; an assignment notifies the new assignee unless they assigned it to themselves; an SLA escalation
 * notifies the agents it names. Stored in the batch's transaction, pushed once it has committed.
 */
@Component
class NotificationTriggers implements EventSubscriber {

    /** The conversation module's pattern: the composer's @mention suggestions and these notifications agree. */
    static final Pattern MENTION = Mentions.PATTERN;
    /** A reply its author wrote was not delivered (the conversation module may have reopened the conversation). */
    static final String DELIVERY_FAILED = "DELIVERY_FAILED";

    private final ConversationService conversations;
    private final TeamDirectory team;
    private final NotificationCenter center;
    private final ConversationAccess access;

    NotificationTriggers(ConversationService conversations, TeamDirectory team, NotificationCenter center,
            ConversationAccess access) {
        this.access = access;
        this.conversations = conversations;
        this.team = team;
        this.center = center;
    }

    @Override
    public String name() {
        return "notifications";
    }

    @Override
    public boolean accepts(Class<? extends DomainEvent> type) {
        return type == NoteAdded.class || type == ConversationChanged.class || type == EscalationRaised.class
                || type == DeliveryFailed.class;
    }

    @Override
    public void handle(List<DomainEvent> events) {
        for (DomainEvent event : events) {
            switch (event) {
                case NoteAdded note when note.agentId() != null -> mentions(note);
                case ConversationChanged c -> c.find(Assigned.class).filter(a -> a.to() != null)
                        .ifPresent(a -> assigned(c.conversationId(), a.to(), c.actorId()));
                case EscalationRaised e -> escalated(e);
                case DeliveryFailed failed when failed.agentId() != null -> notDelivered(failed);
                default -> {
                }
            }
        }
    }

    private void mentions(NoteAdded note) {
        if (note.text() == null) {
            return;
        }
        Set<String> names = new LinkedHashSet<>();
        Matcher m = MENTION.matcher(note.text());
        while (m.find()) {
            names.add(m.group(1).toLowerCase(Locale.ROOT).replaceAll("[._-]+$", ""));
        }
        if (names.isEmpty()) {
            return;
        }
        ConversationView c = conversations.find(Viewer.SYSTEM, note.conversationId()).orElse(null);
        if (c == null) {
            return;
        }
        String about = c.subject() == null ? "a conversation" : "“" + c.subject() + "”";
        String author = note.authorName() == null ? "Someone" : note.authorName();
        for (Agent agent : team.activeAgents()) {
            if (agent.getId().equals(note.agentId())) {
                continue;
            }
            // a mention never carries a conversation to someone who may not see it (subject and note stay hidden)
            if ((names.contains(agent.getFirstName().toLowerCase(Locale.ROOT))
                    || names.contains(agent.getUsername().toLowerCase(Locale.ROOT)))
                    && access.canSee(access.viewerOf(agent.getId()), c)) {
                center.notify(Viewer.SYSTEM, agent.getId(), NotificationCenter.MENTION, note.conversationId(),
                        author + " mentioned you on " + about + ": " + snippet(note.text()));
            }
        }
    }

    private void assigned(UUID conversationId, UUID assignee, UUID actor) {
        if (assignee.equals(actor)) {
            return;
        }
        ConversationView c = conversations.find(Viewer.SYSTEM, conversationId).orElse(null);
        if (c == null || !assignee.equals(c.assigneeId())) {
            return; // assigned to someone else again meanwhile
        }
        String by = actor == null ? "" : team.findAgent(actor).map(a -> " by " + a.getDisplayName()).orElse("");
        center.notify(Viewer.SYSTEM, assignee, NotificationCenter.ASSIGNMENT, conversationId,
                "Assigned to you" + by + ": " + (c.subject() == null ? "a conversation" : "“" + c.subject() + "”"));
    }

    /** The author of a reply that was not delivered is told (the conversation module may have reopened it). */
    private void notDelivered(DeliveryFailed event) {
        ConversationView c = conversations.find(Viewer.SYSTEM, event.conversationId()).orElse(null);
        if (c == null || team.findAgent(event.agentId()).isEmpty()) {
            return;
        }
        String about = c.subject() == null ? "a conversation" : "“" + c.subject() + "”";
        center.notify(Viewer.SYSTEM, event.agentId(), DELIVERY_FAILED, event.conversationId(),
                "Your reply on " + about + " was not delivered: " + event.reason());
    }

    private void escalated(EscalationRaised e) {
        String text = describe(e);
        for (UUID agentId : new LinkedHashSet<>(e.notifyAgentIds())) {
            if (team.findAgent(agentId).isPresent()) {
                center.notify(Viewer.SYSTEM, agentId, NotificationCenter.ESCALATION, e.conversationId(), text);
            }
        }
    }

    static String describe(EscalationRaised e) {
        String target = e.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return switch (e.level()) {
            case WARNING -> "SLA warning: " + target + " due soon";
            case BREACH -> "SLA breached: " + target + " overdue; moved to the escalation queue";
            case SECOND_LEVEL -> "SLA second-level escalation: " + target + " long overdue";
        };
    }

    private static String snippet(String text) {
        String t = text.strip().replaceAll("\\s+", " ");
        return t.length() > 200 ? t.substring(0, 199) + "…" : t;
    }
}
