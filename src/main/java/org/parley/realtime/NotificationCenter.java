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
import org.parley.conversation.ConversationAccess.Viewer;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The notification bell's store: mentions, assignments and escalations per agent, kept in the
 * {@code notification} table (so they survive a restart) and pushed to the agent's open screens and
 * STOMP sessions once stored. Parley's own work raises them ({@link #notify} with a Parley viewer); a person's
 * viewer reads, counts, marks and hears only its own agent's notifications: another agent's notification is
 * "not found".
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
    public int eraseAboutCustomer(Viewer viewer, UUID customerId) {
        viewer.requireParley("erase notifications");
        return notifications.eraseAboutCustomer(customerId);
    }

    /**
     * Stores a notification for an agent; listeners hear of it after the commit.
     *
     * @param kind {@link #MENTION}, {@link #ASSIGNMENT}, {@link #ESCALATION} or another short upper-case word
     * @param viewer Parley's own work (an agent's viewer is refused: people do not write into others' bells)
     * @param conversationId the conversation it is about, or null
     */
    @Transactional
    public NotificationView notify(Viewer viewer, UUID agentId, String kind, UUID conversationId, String text) {
        viewer.requireParley("raise notifications");
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

    /** The viewer's own latest notifications (none for a viewer without an agent). */
    public List<NotificationView> latest(Viewer viewer, int limit) {
        if (viewer.agentId() == null) {
            return List.of();
        }
        return notifications.findLatest(viewer.agentId(), Limit.of(limit)).stream().map(Notification::view).toList();
    }

    public long unreadCount(Viewer viewer) {
        return viewer.agentId() == null ? 0 : notifications.countUnread(viewer.agentId());
    }

    /** Marks one of the viewer's own notifications read; another agent's is "not found". */
    @Transactional
    public void markRead(Viewer viewer, UUID notificationId) {
        Notification n = notifications.findById(notificationId)
                .filter(x -> x.getAgentId().equals(viewer.agentId()))
                .orElseThrow(() -> new NotFoundException("notification " + notificationId));
        n.markRead(Instant.now());
    }

    @Transactional
    public int markAllRead(Viewer viewer) {
        return viewer.agentId() == null ? 0 : notifications.markAllRead(viewer.agentId(), Instant.now());
    }

    /**
     * Hears stored notifications: a person's viewer only its own agent's, Parley's own work (e.g. STOMP, which
     * routes each to its recipient's sessions) every agent's.
     */
    public AutoCloseable addListener(Viewer viewer, Consumer<NotificationView> listener) {
        Consumer<NotificationView> scoped = viewer.isParley() ? listener : n -> {
            if (viewer.agentId() != null && viewer.agentId().equals(n.agentId())) {
                listener.accept(n);
            }
        };
        listeners.add(scoped);
        return () -> listeners.remove(scoped);
    }

    /** Tells this node's screens and STOMP sessions of a committed notification (the live publisher calls it). */
    public void deliverLocally(Viewer viewer, NotificationView view) {
        viewer.requireParley("deliver notifications");
        for (Consumer<NotificationView> l : listeners) {
            try {
                l.accept(view);
            } catch (RuntimeException ignored) {
                // one broken screen must not keep the others from hearing it
            }
        }
    }
}
