package org.parley.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.parley.base.AbstractEntity;

/**
 * One event for one subscription: the exact body sent (the same bytes on every attempt, so the
 * {@code X-Parley-Delivery} id and the signed body stay stable across retries) and how sending it went.
 */
@Entity
@Table(name = "webhook_delivery")
class WebhookDelivery extends AbstractEntity {

    enum Status { PENDING, SUCCEEDED, FAILED }

    @Column(name = "subscription_id", nullable = false)
    private UUID subscriptionId;
    @Column(name = "event", nullable = false, length = 50)
    private String event;
    @Column(name = "payload", nullable = false, length = 65535)
    private String payload;
    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 20)
    private Status status;
    @Column(name = "attempts", nullable = false)
    private int attempts;
    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;
    @Column(name = "last_http_status")
    private Integer lastHttpStatus;
    @Column(name = "last_answer", length = 500)
    private String lastAnswer;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "last_attempt_at")
    private Instant lastAttemptAt;

    protected WebhookDelivery() {
    }

    /** A new delivery; its id is the delivery id its {@link #body} names. */
    WebhookDelivery(UUID subscriptionId, WebhookEvent event, Instant createdAt) {
        this.subscriptionId = subscriptionId;
        this.event = event.wire();
        this.status = Status.PENDING;
        this.createdAt = createdAt;
        this.nextAttemptAt = createdAt;
    }

    void body(String payload) {
        this.payload = payload;
    }

    void claim(Instant until) {
        nextAttemptAt = until;
    }

    void succeeded(Instant at, int httpStatus, String answer) {
        attempted(at, httpStatus, answer);
        status = Status.SUCCEEDED;
        nextAttemptAt = null;
    }

    void failedForGood(Instant at, Integer httpStatus, String answer) {
        attempted(at, httpStatus, answer);
        status = Status.FAILED;
        nextAttemptAt = null;
    }

    void retryAt(Instant at, Integer httpStatus, String answer, Instant next) {
        attempted(at, httpStatus, answer);
        nextAttemptAt = next;
    }

    /** Sent again on the next round, with the same id and body. */
    void redeliver(Instant at) {
        status = Status.PENDING;
        nextAttemptAt = at;
    }

    private void attempted(Instant at, Integer httpStatus, String answer) {
        attempts++;
        lastAttemptAt = at;
        lastHttpStatus = httpStatus;
        lastAnswer = answer == null ? null : answer.length() > 500 ? answer.substring(0, 500) : answer;
    }

    UUID getSubscriptionId() {
        return subscriptionId;
    }

    String getEvent() {
        return event;
    }

    String getPayload() {
        return payload;
    }

    Status getStatus() {
        return status;
    }

    int getAttempts() {
        return attempts;
    }

    Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    Integer getLastHttpStatus() {
        return lastHttpStatus;
    }

    String getLastAnswer() {
        return lastAnswer;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getLastAttemptAt() {
        return lastAttemptAt;
    }
}
