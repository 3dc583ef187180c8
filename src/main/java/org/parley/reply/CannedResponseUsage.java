package org.parley.reply;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** How often one agent used one canned response, and when last. */
@Entity
@Table(name = "canned_response_usage")
class CannedResponseUsage {

    @Embeddable
    record Key(@Column(name = "response_id") UUID responseId, @Column(name = "agent_id") UUID agentId)
            implements Serializable {
    }

    @EmbeddedId
    private Key id;

    @Column(name = "times_used", nullable = false)
    private long timesUsed;

    @Column(name = "last_used_at", nullable = false)
    private Instant lastUsedAt;

    protected CannedResponseUsage() {
    }

    CannedResponseUsage(UUID responseId, UUID agentId) {
        this.id = new Key(responseId, agentId);
    }

    void used(Instant at) {
        timesUsed++;
        lastUsedAt = at;
    }

    Key getId() {
        return id;
    }

    long getTimesUsed() {
        return timesUsed;
    }

    Instant getLastUsedAt() {
        return lastUsedAt;
    }
}
