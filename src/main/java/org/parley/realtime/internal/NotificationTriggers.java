package org.parley.realtime.internal;

import jakarta.annotation.PreDestroy;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.parley.conversation.ConversationChanged;
import org.parley.conversation.ConversationAccess;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationView;
import org.parley.conversation.DeliveryFailed;
import org.parley.conversation.Mentions;
import org.parley.conversation.Direction;
import org.parley.conversation.MessageView;
import org.parley.realtime.NotificationCenter;
import org.parley.team.Agent;
import org.parley.team.CurrentAgent;
import org.parley.team.TeamDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Notifications the conversation module's events cause: an internal note that mentions
 * {@code @firstname} (or {@code @username}) notifies each active agent of that name who may see the
 * conversation, except the author; an assignment notifies the new assignee unless they assigned it to themselves.
 */
@Component
class NotificationTriggers {

    private static final Logger log = LoggerFactory.getLogger(NotificationTriggers.class);
    /** The conversation module's pattern: the composer's @mention suggestions and these notifications agree. */
    static final Pattern MENTION = Mentions.PATTERN;
    /** A reply its author wrote was not delivered (the conversation module may have reopened the conversation). */
    static final String DELIVERY_FAILED = "DELIVERY_FAILED";

    private final ConversationService conversations;
    private final TeamDirectory team;
    private final CurrentAgent currentAgent;
    private final NotificationCenter center;
    private final ConversationAccess access;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "parley-notifications");
        t.setDaemon(true);
        return t;
    });

    NotificationTriggers(ConversationService conversations, TeamDirectory team, CurrentAgent currentAgent,
            NotificationCenter center, ConversationAccess access) {
        this.access = access;
        this.conversations = conversations;
        this.team = team;
        this.currentAgent = currentAgent;
        this.center = center;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(ConversationChanged event) {
        if (!event.change().equals("note") && !event.change().equals("assignee")) {
            return;
        }
        UUID actor = currentAgent.find().map(Agent::getId).orElse(null);
        worker.execute(() -> {
            try {
                if (event.change().equals("note")) {
                    mentions(event.conversationId());
                } else {
                    assigned(event.conversationId(), actor);
                }
            } catch (RuntimeException e) {
                log.warn("Could not notify about conversation {}: {}", event.conversationId(), e.toString());
            }
        });
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(DeliveryFailed event) {
        if (event.agentId() == null) {
            return;
        }
        worker.execute(() -> {
            try {
                notDelivered(event);
            } catch (RuntimeException e) {
                log.warn("Could not tell about the failed reply {}: {}", event.messageId(), e.toString());
            }
        });
    }

    private void notDelivered(DeliveryFailed event) {
        ConversationView c = conversations.get(event.conversationId());
        String about = c.subject() == null ? "a conversation" : "“" + c.subject() + "”";
        center.notify(event.agentId(), DELIVERY_FAILED, event.conversationId(),
                "Your reply on " + about + " was not delivered: " + event.reason());
    }

    private void mentions(UUID conversationId) {
        List<MessageView> messages = conversations.messages(conversationId);
        MessageView note = messages.reversed().stream().filter(m -> m.direction() == Direction.NOTE).findFirst()
                .orElse(null);
        if (note == null || note.text() == null) {
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
        ConversationView c = conversations.get(conversationId);
        String about = c.subject() == null ? "a conversation" : "“" + c.subject() + "”";
        String author = note.authorName() == null ? "Someone" : note.authorName();
        for (Agent agent : team.activeAgents()) {
            if (agent.getId().equals(note.authorAgentId())) {
                continue;
            }
            // a mention never carries a conversation to someone who may not see it (subject and note stay hidden)
            if ((names.contains(agent.getFirstName().toLowerCase(Locale.ROOT))
                    || names.contains(agent.getUsername().toLowerCase(Locale.ROOT)))
                    && access.canSee(access.viewerOf(agent.getId()), c)) {
                center.notify(agent.getId(), NotificationCenter.MENTION, conversationId,
                        author + " mentioned you on " + about + ": " + snippet(note.text()));
            }
        }
    }

    private void assigned(UUID conversationId, UUID actor) {
        ConversationView c = conversations.get(conversationId);
        if (c.assigneeId() == null || c.assigneeId().equals(actor)) {
            return;
        }
        String by = actor == null ? "" : team.findAgent(actor).map(a -> " by " + a.getDisplayName()).orElse("");
        center.notify(c.assigneeId(), NotificationCenter.ASSIGNMENT, conversationId,
                "Assigned to you" + by + ": " + (c.subject() == null ? "a conversation" : "“" + c.subject() + "”"));
    }

    private static String snippet(String text) {
        String t = text.strip().replaceAll("\\s+", " ");
        return t.length() > 200 ? t.substring(0, 199) + "…" : t;
    }

    @PreDestroy
    void stop() {
        worker.shutdown();
    }
}
