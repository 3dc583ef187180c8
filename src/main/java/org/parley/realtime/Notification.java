package org.parley.realtime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.parley.base.AbstractEntity;

/** One entry of an agent's notification bell. */
@Entity
@Table(name = "notification")
class Notification extends AbstractEntity {

    @Column(name = "agent_id", nullable = false)
    private UUID agentId;

    @Column(name = "kind", nullable = false, length = 30)
    private String kind;

    @Column(name = "conversation_id")
    private UUID conversationId;

    @Column(name = "text", nullable = false, length = 500)
    private String text;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "read_at")
    private Instant readAt;

    protected Notification() {
    }

    Notification(UUID agentId, String kind, UUID conversationId, String text, Instant createdAt) {
        this.agentId = agentId;
        this.kind = kind;
        this.conversationId = conversationId;
        this.text = text;
        this.createdAt = createdAt;
    }

    void markRead(Instant at) {
        if (readAt == null) {
            readAt = at;
        }
    }

    NotificationView view() {
        return new NotificationView(getId(), agentId, kind, conversationId, text, createdAt, readAt);
    }

    UUID getAgentId() {
        return agentId;
    }
}
