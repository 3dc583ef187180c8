package org.parley.channel.phone;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.parley.base.AbstractEntity;

/** A call a telephony provider reported, identified by the provider's call id; later events update it. */
@Entity
@Table(name = "phone_call")
class PhoneCall extends AbstractEntity {

    @Column(name = "call_id", nullable = false, length = 200)
    private String callId;

    @Enumerated(EnumType.STRING)
    @Column(name = "direction", nullable = false, length = 10)
    private CallDirection direction;

    @Column(name = "from_number", nullable = false, length = 40)
    private String fromNumber;

    @Column(name = "to_number", nullable = false, length = 40)
    private String toNumber;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 20)
    private CallStatus status;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Column(name = "recording_url", length = 2000)
    private String recordingUrl;

    @Column(name = "transcript", length = 65535)
    private String transcript;

    @Column(name = "message_id", nullable = false)
    private UUID messageId;

    @Column(name = "conversation_id", nullable = false)
    private UUID conversationId;

    @Column(name = "customer_id", nullable = false)
    private UUID customerId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt = createdAt;

    protected PhoneCall() {
    }

    PhoneCall(String callId, CallDirection direction, String fromNumber, String toNumber, UUID messageId,
            UUID conversationId, UUID customerId) {
        this.callId = callId;
        this.direction = direction;
        this.fromNumber = fromNumber;
        this.toNumber = toNumber;
        this.messageId = messageId;
        this.conversationId = conversationId;
        this.customerId = customerId;
    }

    /** Takes what an event says; fields an event leaves out keep what earlier events said. */
    void update(CallStatus status, Instant startedAt, Instant endedAt, String recordingUrl, String transcript) {
        this.status = status;
        if (startedAt != null) {
            this.startedAt = startedAt;
        }
        if (endedAt != null) {
            this.endedAt = endedAt;
        }
        if (recordingUrl != null) {
            this.recordingUrl = recordingUrl;
        }
        if (transcript != null) {
            this.transcript = transcript;
        }
        this.updatedAt = Instant.now();
    }

    String getCallId() {
        return callId;
    }

    CallDirection getDirection() {
        return direction;
    }

    String getFromNumber() {
        return fromNumber;
    }

    String getToNumber() {
        return toNumber;
    }

    CallStatus getStatus() {
        return status;
    }

    Instant getStartedAt() {
        return startedAt;
    }

    Instant getEndedAt() {
        return endedAt;
    }

    String getRecordingUrl() {
        return recordingUrl;
    }

    String getTranscript() {
        return transcript;
    }

    UUID getMessageId() {
        return messageId;
    }

    UUID getConversationId() {
        return conversationId;
    }

    UUID getCustomerId() {
        return customerId;
    }
}
