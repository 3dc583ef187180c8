package org.parley.realtime;

import java.time.Instant;
import java.util.UUID;

/**
 * A notification as the bell and {@code /user/queue/notifications} show it.
 *
 * @param kind {@code MENTION}, {@code ASSIGNMENT} or {@code ESCALATION} (see {@link NotificationCenter})
 */
public record NotificationView(UUID id, UUID agentId, String kind, UUID conversationId, String text,
        Instant createdAt, Instant readAt) {

    public boolean unread() {
        return readAt == null;
    }
}
