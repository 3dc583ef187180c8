package org.parley.conversation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.parley.base.AbstractEntity;
import org.parley.base.Channel;

/**
 * One message in a conversation: from the customer, to the customer, or an internal note. The
 * customer id is the conversation's (kept here so a customer's timeline is one indexed range scan).
 */
@Entity
@Table(name = "message")
public class Message extends AbstractEntity {

    @Column(name = "conversation_id", nullable = false)
    private UUID conversationId;

    @Column(name = "customer_id", nullable = false)
    private UUID customerId;

    @Enumerated(EnumType.STRING)
    @Column(name = "direction", nullable = false, length = 10)
    private Direction direction;

    @Enumerated(EnumType.STRING)
    @Column(name = "channel", nullable = false, length = 20)
    private Channel channel;

    @Column(name = "author_customer_id")
    private UUID authorCustomerId;

    @Column(name = "author_agent_id")
    private UUID authorAgentId;

    @Column(name = "author_name", length = 200)
    private String authorName;

    @Column(name = "subject", length = 300)
    private String subject;

    @Column(name = "text_body", length = 65535)
    private String textBody;

    @Column(name = "html_body", length = 65535)
    private String htmlBody;

    @Column(name = "external_id", length = 255)
    private String externalId;

    @Column(name = "reply_to_external_id", length = 255)
    private String replyToExternalId;

    /** The connected account (mailbox, page, X user) that received or sends this message. */
    @Column(name = "source_account", length = 200)
    private String sourceAccount;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    @Enumerated(EnumType.STRING)
    @Column(name = "delivery_status", length = 20)
    private DeliveryStatus deliveryStatus;

    /** Outbox: send attempts so far. */
    @Column(name = "delivery_attempts", nullable = false)
    private int deliveryAttempts;

    /** Outbox: when a QUEUED message is due (next try, or the end of a dispatcher's lease). */
    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    /** The provider's id of the sent message (email Message-ID, post id). */
    @Column(name = "provider_message_id", length = 255)
    private String providerMessageId;

    /** Why the last delivery attempt failed (FAILED: the final reason, including bounces). */
    @Column(name = "delivery_error", length = 1000)
    private String deliveryError;

    protected Message() {
    }

    private Message(Conversation conversation, Direction direction, Channel channel, String textBody,
            Instant occurredAt) {
        this.conversationId = conversation.getId();
        this.customerId = conversation.getCustomerId();
        this.direction = direction;
        this.channel = channel;
        this.textBody = textBody;
        this.occurredAt = occurredAt;
    }

    static Message inbound(Conversation conversation, Channel channel, UUID authorCustomerId, String authorName,
            String subject, String text, String sanitizedHtml, String externalId, String replyTo, Instant at) {
        Message m = new Message(conversation, Direction.INBOUND, channel, text, at);
        m.authorCustomerId = authorCustomerId;
        m.authorName = authorName;
        m.subject = subject;
        m.htmlBody = sanitizedHtml;
        m.externalId = externalId;
        m.replyToExternalId = replyTo;
        return m;
    }

    static Message outbound(Conversation conversation, Channel channel, UUID agentId, String agentName,
            String text, String replyTo, Instant at) {
        Message m = new Message(conversation, Direction.OUTBOUND, channel, text, at);
        m.authorAgentId = agentId;
        m.authorName = agentName;
        m.subject = conversation.getSubject();
        m.replyToExternalId = replyTo;
        m.deliveryStatus = DeliveryStatus.QUEUED;
        m.nextAttemptAt = Instant.now();
        return m;
    }

    /** A phone call made to the customer: an outbound record of the call, not something to deliver. */
    static Message outboundCall(Conversation conversation, UUID agentId, String authorName, String text,
            String externalId, Instant at) {
        Message m = new Message(conversation, Direction.OUTBOUND, Channel.PHONE, text, at);
        m.authorAgentId = agentId;
        m.authorName = authorName;
        m.externalId = externalId;
        return m;
    }

    /** A call's record changes as the call goes on (ringing, answered, completed). */
    void amendCallText(String text) {
        this.textBody = text;
    }

    static Message note(Conversation conversation, UUID agentId, String agentName, String text, Instant at) {
        Message m = new Message(conversation, Direction.NOTE, conversation.getChannel(), text, at);
        m.authorAgentId = agentId;
        m.authorName = agentName;
        return m;
    }

    static String snippetOf(String text, int max) {
        if (text == null) {
            return "";
        }
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
    }

    public UUID getConversationId() {
        return conversationId;
    }

    public UUID getCustomerId() {
        return customerId;
    }

    public Direction getDirection() {
        return direction;
    }

    public Channel getChannel() {
        return channel;
    }

    public UUID getAuthorCustomerId() {
        return authorCustomerId;
    }

    public UUID getAuthorAgentId() {
        return authorAgentId;
    }

    public String getAuthorName() {
        return authorName;
    }

    public String getSubject() {
        return subject;
    }

    public String getTextBody() {
        return textBody;
    }

    public String getHtmlBody() {
        return htmlBody;
    }

    public String getExternalId() {
        return externalId;
    }

    public String getReplyToExternalId() {
        return replyToExternalId;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public DeliveryStatus getDeliveryStatus() {
        return deliveryStatus;
    }

    void moveToCustomer(UUID survivorId) {
        this.customerId = survivorId;
    }

    /** A conversation merge (or its undo) moved the message into another conversation of the same customer. */
    void moveToConversation(UUID conversationId) {
        this.conversationId = conversationId;
    }

    public String getSourceAccount() {
        return sourceAccount;
    }

    void setSourceAccount(String sourceAccount) {
        this.sourceAccount = sourceAccount;
    }

    public int getDeliveryAttempts() {
        return deliveryAttempts;
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    public String getProviderMessageId() {
        return providerMessageId;
    }

    public String getDeliveryError() {
        return deliveryError;
    }

    /** The outbox claimed the message for one attempt until {@code leaseUntil}. */
    void claimDelivery(Instant leaseUntil) {
        deliveryAttempts++;
        nextAttemptAt = leaseUntil;
    }

    void deliverySent(String providerId) {
        deliveryStatus = DeliveryStatus.SENT;
        providerMessageId = providerId;
        if (externalId == null && providerId != null && providerId.length() <= 255) {
            externalId = providerId; // the customer's answer names it (In-Reply-To, a reply to a post): threading finds it
        }
        deliveryError = null;
        nextAttemptAt = null;
    }

    /** The provider reported the message delivered to (or read on) the customer's device. */
    void deliveryDelivered() {
        deliveryStatus = DeliveryStatus.DELIVERED;
        deliveryError = null;
    }

    /** Recorded, not sent: a phone answer was given on the phone. */
    void deliveryLogged() {
        deliveryStatus = DeliveryStatus.LOGGED;
        deliveryError = null;
        nextAttemptAt = null;
    }

    void deliveryRetryAt(Instant next, String reason) {
        deliveryStatus = DeliveryStatus.QUEUED;
        nextAttemptAt = next;
        deliveryError = truncate(reason);
    }

    void deliveryFailed(String reason) {
        deliveryStatus = DeliveryStatus.FAILED;
        nextAttemptAt = null;
        deliveryError = truncate(reason);
    }

    void requeueDelivery(Instant at) {
        deliveryStatus = DeliveryStatus.QUEUED;
        deliveryAttempts = 0;
        nextAttemptAt = at;
        deliveryError = null;
    }

    private static String truncate(String reason) {
        String r = reason == null || reason.isBlank() ? "unknown error" : reason.strip();
        return r.length() > 1000 ? r.substring(0, 999) + "…" : r;
    }
}
