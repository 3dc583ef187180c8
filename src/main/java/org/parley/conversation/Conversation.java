package org.parley.conversation;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.parley.base.AbstractEntity;
import org.parley.base.Channel;

/** A thread of messages with one customer, worked on as one unit: status, priority, assignee. */
@Entity
@Table(name = "conversation")
public class Conversation extends AbstractEntity {

    static final int SNIPPET_LENGTH = 160;

    @Column(name = "customer_id", nullable = false)
    private UUID customerId;

    @Enumerated(EnumType.STRING)
    @Column(name = "channel", nullable = false, length = 20)
    private Channel channel;

    @Column(name = "subject", length = 300)
    private String subject;

    @Column(name = "thread_key", length = 200)
    private String threadKey;

    /** The connected account (mailbox, page, X user) the conversation came in through; replies leave through it. */
    @Column(name = "source_account", length = 200)
    private String sourceAccount;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 20)
    private ConversationStatus status = ConversationStatus.OPEN;

    @Enumerated(EnumType.STRING)
    @Column(name = "priority", nullable = false, length = 20)
    private Priority priority = Priority.NORMAL;

    @Column(name = "team_id")
    private UUID teamId;

    @Column(name = "assignee_id")
    private UUID assigneeId;

    @ElementCollection
    @CollectionTable(name = "conversation_tag", joinColumns = @JoinColumn(name = "conversation_id"))
    @Column(name = "tag", length = 60)
    private Set<String> tags = new TreeSet<>();

    @Column(name = "snippet", length = SNIPPET_LENGTH)
    private String snippet;

    @Column(name = "message_count", nullable = false)
    private int messageCount;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_activity_at", nullable = false)
    private Instant lastActivityAt;

    @Column(name = "last_customer_message_at")
    private Instant lastCustomerMessageAt;

    @Column(name = "first_response_at")
    private Instant firstResponseAt;

    @Column(name = "resolved_at")
    private Instant resolvedAt;

    protected Conversation() {
    }

    Conversation(UUID customerId, Channel channel, String subject, String threadKey, Instant createdAt,
            String sourceAccount) {
        this.customerId = customerId;
        this.sourceAccount = sourceAccount;
        this.channel = channel;
        this.subject = subject;
        this.threadKey = threadKey;
        this.createdAt = createdAt;
        this.lastActivityAt = createdAt;
    }

    public UUID getCustomerId() {
        return customerId;
    }

    public Channel getChannel() {
        return channel;
    }

    public String getSubject() {
        return subject;
    }

    public String getThreadKey() {
        return threadKey;
    }

    public String getSourceAccount() {
        return sourceAccount;
    }

    public ConversationStatus getStatus() {
        return status;
    }

    public Priority getPriority() {
        return priority;
    }

    public UUID getTeamId() {
        return teamId;
    }

    public UUID getAssigneeId() {
        return assigneeId;
    }

    public Set<String> getTags() {
        return Collections.unmodifiableSet(tags);
    }

    public String getSnippet() {
        return snippet;
    }

    public int getMessageCount() {
        return messageCount;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getLastActivityAt() {
        return lastActivityAt;
    }

    public Instant getLastCustomerMessageAt() {
        return lastCustomerMessageAt;
    }

    public Instant getFirstResponseAt() {
        return firstResponseAt;
    }

    public Instant getResolvedAt() {
        return resolvedAt;
    }

    /** Records a message; returns true when a customer message reopened a settled conversation. */
    boolean record(Message message) {
        messageCount++;
        Instant at = message.getOccurredAt();
        if (at.isAfter(lastActivityAt)) {
            lastActivityAt = at;
        }
        if (at.isBefore(createdAt)) {
            createdAt = at;
        }
        if (message.getDirection() != Direction.NOTE && (snippet == null || !at.isBefore(lastActivityAt))) {
            snippet = Message.snippetOf(message.getTextBody(), SNIPPET_LENGTH);
        }
        boolean reopened = false;
        switch (message.getDirection()) {
            case INBOUND -> {
                if (lastCustomerMessageAt == null || at.isAfter(lastCustomerMessageAt)) {
                    lastCustomerMessageAt = at;
                }
                if (status == ConversationStatus.PENDING || status == ConversationStatus.RESOLVED) {
                    reopened = status == ConversationStatus.RESOLVED;
                    status = ConversationStatus.OPEN;
                    resolvedAt = null;
                }
            }
            case OUTBOUND -> {
                if (firstResponseAt == null) {
                    firstResponseAt = at;
                }
            }
            case NOTE -> {
            }
        }
        return reopened;
    }

    void changeStatus(ConversationStatus newStatus, Instant at) {
        if (newStatus == status) {
            return;
        }
        status = newStatus;
        if (newStatus == ConversationStatus.RESOLVED || newStatus == ConversationStatus.CLOSED) {
            if (resolvedAt == null) {
                resolvedAt = at;
            }
        } else {
            resolvedAt = null;
        }
    }

    void changePriority(Priority priority) {
        this.priority = priority;
    }

    void assignTo(UUID agentId) {
        this.assigneeId = agentId;
    }

    void moveToTeam(UUID teamId) {
        this.teamId = teamId;
    }

    void replaceTags(Set<String> newTags) {
        tags.clear();
        tags.addAll(newTags);
    }

    void moveToCustomer(UUID survivorId) {
        this.customerId = survivorId;
    }
}
