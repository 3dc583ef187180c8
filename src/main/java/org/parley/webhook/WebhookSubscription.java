package org.parley.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.parley.base.AbstractEntity;

/** One URL an admin subscribed to some events, with the secret its deliveries are signed with. */
@Entity
@Table(name = "webhook_subscription")
class WebhookSubscription extends AbstractEntity {

    @Column(name = "url", nullable = false, length = 2000)
    private String url;
    /** Wire names, comma-separated. */
    @Column(name = "events", nullable = false, length = 500)
    private String events;
    @Column(name = "description", length = 500)
    private String description;
    @Column(name = "secret", nullable = false, length = 100)
    private String secret;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    /** The first failure since the last success, or null. */
    @Column(name = "failing_since")
    private Instant failingSince;
    @Column(name = "disabled_at")
    private Instant disabledAt;
    @Column(name = "disabled_reason", length = 300)
    private String disabledReason;

    protected WebhookSubscription() {
    }

    WebhookSubscription(String url, Set<WebhookEvent> events, String description, String secret, Instant createdAt) {
        this.url = url;
        this.events = events.stream().sorted().map(WebhookEvent::wire).collect(Collectors.joining(","));
        this.description = description;
        this.secret = secret;
        this.createdAt = createdAt;
    }

    boolean wants(WebhookEvent event) {
        return disabledAt == null && Arrays.asList(events.split(",")).contains(event.wire());
    }

    /** An attempt succeeded: the failure streak ends. */
    void succeeded() {
        failingSince = null;
    }

    /** An attempt failed; after {@code disableAfter} of nothing but failures the subscription is disabled. */
    void failed(Instant at, java.time.Duration disableAfter) {
        if (failingSince == null) {
            failingSince = at;
        } else if (disabledAt == null && !failingSince.plus(disableAfter).isAfter(at)) {
            disabledAt = at;
            disabledReason = "every delivery failed since " + failingSince;
        }
    }

    String getUrl() {
        return url;
    }

    java.util.List<String> eventNames() {
        return Arrays.asList(events.split(","));
    }

    String getDescription() {
        return description;
    }

    String getSecret() {
        return secret;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getFailingSince() {
        return failingSince;
    }

    Instant getDisabledAt() {
        return disabledAt;
    }

    String getDisabledReason() {
        return disabledReason;
    }
}
