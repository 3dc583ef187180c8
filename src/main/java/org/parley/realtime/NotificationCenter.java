package org.parley.realtime;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import org.parley.base.InvalidInputException;
import org.parley.base.NotFoundException;
import org.parley.base.events.EventSpine;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The notification bell's store: mentions, assignments and escalations per agent, kept in the
 * {@code notification} table (so they survive a restart) and pushed to the agent's open screens and
 * STOMP sessions once stored. Other modules call {@link #notify} (e.g. the SLA module for escalations).
 */
@Service
@Transactional(readOnly = true)
public class NotificationCenter {

    public static final String MENTION = "MENTION";
    public static final String ASSIGNMENT = "ASSIGNMENT";
    public static final String ESCALATION = "ESCALATION";

    private final NotificationRepository notifications;
    private final EventSpine events;
    private final Set<Consumer<NotificationView>> listeners = new CopyOnWriteArraySet<>();

    NotificationCenter(NotificationRepository notifications, EventSpine events) {
        this.notifications = notifications;
        this.events = events;
    }

    /** Erasure of a customer: the notifications about their conversations keep kind and time, not the text. */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public int eraseAboutCustomer(UUID customerId) {
        return notifications.eraseAboutCustomer(customerId);
    }

    /**
     * Stores a notification for an agent; listeners hear of it after the commit.
     *
     * @param kind {@link #MENTION}, {@link #ASSIGNMENT}, {@link #ESCALATION} or another short upper-case word
     * @param conversationId the conversation it is about, or null
     */
    @Transactional
    public NotificationView notify(UUID agentId, String kind, UUID conversationId, String text) {
        if (agentId == null) {
            throw new InvalidInputException("agent is required");
        }
        if (kind == null || !kind.matches("[A-Z_]{1,30}")) {
            throw new InvalidInputException("kind must be 1-30 upper-case letters");
        }
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("text is required");
        }
        String t = text.strip();
        String shortText = t.length() > 500 ? t.substring(0, 499) + "…" : t;
        NotificationView view = notifications.save(new Notification(agentId, kind, conversationId, shortText,
                Instant.now())).view();
        events.publish(new NotificationRaised(view));
        return view;
    }

    public List<NotificationView> latest(UUID agentId, int limit) {
        return notifications.findLatest(agentId, Limit.of(limit)).stream().map(Notification::view).toList();
    }

    public long unreadCount(UUID agentId) {
        return notifications.countUnread(agentId);
    }

    @Transactional
    public void markRead(UUID agentId, UUID notificationId) {
        Notification n = notifications.findById(notificationId)
                .filter(x -> x.getAgentId().equals(agentId))
                .orElseThrow(() -> new NotFoundException("notification " + notificationId));
        n.markRead(Instant.now());
    }

    @Transactional
    public int markAllRead(UUID agentId) {
        return notifications.markAllRead(agentId, Instant.now());
    }

    /** Hears every stored notification (of every agent): screens and STOMP pick their own. */
    public AutoCloseable addListener(Consumer<NotificationView> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Tells this node's screens and STOMP sessions of a committed notification (the live publisher calls it). */
    public void deliverLocally(NotificationView view) {
        for (Consumer<NotificationView> l : listeners) {
            try {
                l.accept(view);
            } catch (RuntimeException ignored) {
                // one broken screen must not keep the others from hearing it
            }
        }
    }
}
