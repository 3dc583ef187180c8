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

    /** The customer had the last word: their newest message came after our last reply. */
    @Column(name = "awaiting_reply", nullable = false)
    private boolean awaitingReply;

    /** When the assignee last opened the conversation (null: not since it was assigned to them). */
    @Column(name = "assignee_read_at")
    private Instant assigneeReadAt;

    /** Snoozed until then (null: no time set); see {@link #getSnooze()}. */
    @Column(name = "snoozed_until")
    private Instant snoozedUntil;

    /** Snoozed until the customer writes again. */
    @Column(name = "snoozed_until_reply", nullable = false)
    private boolean snoozedUntilReply;

    /** Snoozed at all (until a time, the reply, or both): what the queues filter on, kept in their indexes. */
    @Column(name = "snoozed", nullable = false)
    private boolean snoozed;

    /** The conversation this one was merged into: then it is a closed pointer, in no queue (null: not merged). */
    @Column(name = "merged_into")
    private UUID mergedInto;

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

    public boolean isAwaitingReply() {
        return awaitingReply;
    }

    public Instant getAssigneeReadAt() {
        return assigneeReadAt;
    }

    /** How it is snoozed, or null when it is not. */
    public Snooze getSnooze() {
        return snoozed ? new Snooze(snoozedUntil, snoozedUntilReply) : null;
    }

    /** Parks it (replacing an earlier snooze). */
    void snooze(Snooze snooze) {
        this.snoozedUntil = snooze.until();
        this.snoozedUntilReply = snooze.untilReply();
        this.snoozed = true;
    }

    /** Back in the queues; answers the snooze it ended, or null when it was not snoozed. */
    Snooze wake() {
        Snooze before = getSnooze();
        snoozedUntil = null;
        snoozedUntilReply = false;
        snoozed = false;
        return before;
    }

    /** Waiting on us: open, and the customer had the last word. */
    public boolean needsReply() {
        return awaitingReply && status == ConversationStatus.OPEN;
    }

    /** Assigned, and its assignee has not opened it since it was assigned or since the customer last wrote. */
    public boolean isUnread() {
        return assigneeId != null && (assigneeReadAt == null
                || (lastCustomerMessageAt != null && lastCustomerMessageAt.isAfter(assigneeReadAt)));
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
                if (lastCustomerMessageAt == null || !at.isBefore(lastCustomerMessageAt)) {
                    // the customer's newest message (notes do not count as an answer)
                    lastCustomerMessageAt = at;
                    awaitingReply = true;
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
                if (lastCustomerMessageAt == null || !at.isBefore(lastCustomerMessageAt)) {
                    awaitingReply = false;
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
        if (!java.util.Objects.equals(agentId, assigneeId)) {
            // new to its new assignee
            assigneeReadAt = null;
        }
        this.assigneeId = agentId;
    }

    /** The agent opened (or wrote in) the conversation at {@code at}: read, if they are its assignee. */
    void readBy(UUID agentId, Instant at) {
        if (agentId != null && agentId.equals(assigneeId) && (assigneeReadAt == null || at.isAfter(assigneeReadAt))) {
            assigneeReadAt = at;
        }
    }

    /** A reply never reached the customer: they wait on us again. */
    void replyFailed() {
        awaitingReply = true;
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

    public UUID getMergedInto() {
        return mergedInto;
    }

    void setResolvedAt(Instant resolvedAt) {
        this.resolvedAt = resolvedAt;
    }

    /** Becomes a pointer to {@code survivorId}: closed, nothing waiting, no messages of its own. */
    void mergedInto(UUID survivorId, Instant at) {
        this.mergedInto = survivorId;
        changeStatus(ConversationStatus.CLOSED, at);
        this.messageCount = 0;
        this.awaitingReply = false;
    }

    /** Undoes {@link #mergedInto}: the state the conversation had before the merge. */
    void unmerged(ConversationStatus status, Instant resolvedAt, int messageCount, Instant lastActivityAt,
            Instant lastCustomerMessageAt, Instant firstResponseAt, String snippet, boolean awaitingReply) {
        this.mergedInto = null;
        restoreCounters(status, resolvedAt, messageCount, lastActivityAt, lastCustomerMessageAt, firstResponseAt,
                snippet, awaitingReply);
    }

    void restoreCounters(ConversationStatus status, Instant resolvedAt, int messageCount, Instant lastActivityAt,
            Instant lastCustomerMessageAt, Instant firstResponseAt, String snippet, boolean awaitingReply) {
        this.status = status;
        this.resolvedAt = resolvedAt;
        this.messageCount = messageCount;
        this.lastActivityAt = lastActivityAt;
        this.lastCustomerMessageAt = lastCustomerMessageAt;
        this.firstResponseAt = firstResponseAt;
        this.snippet = snippet;
        this.awaitingReply = awaitingReply;
    }

    /**
     * Recomputes message count, last activity, snippet, first response and whether the customer waits from all
     * its messages, oldest first, by the rules of {@link #record} (the status is left as it is).
     */
    void recount(java.util.List<Message> ordered) {
        messageCount = 0;
        lastActivityAt = createdAt;
        snippet = null;
        lastCustomerMessageAt = null;
        firstResponseAt = null;
        awaitingReply = false;
        for (Message message : ordered) {
            messageCount++;
            Instant at = message.getOccurredAt();
            if (at.isAfter(lastActivityAt)) {
                lastActivityAt = at;
            }
            if (message.getDirection() != Direction.NOTE && (snippet == null || !at.isBefore(lastActivityAt))) {
                snippet = Message.snippetOf(message.getTextBody(), SNIPPET_LENGTH);
            }
            switch (message.getDirection()) {
                case INBOUND -> {
                    if (lastCustomerMessageAt == null || !at.isBefore(lastCustomerMessageAt)) {
                        lastCustomerMessageAt = at;
                        awaitingReply = true;
                    }
                }
                case OUTBOUND -> {
                    if (firstResponseAt == null || at.isBefore(firstResponseAt)) {
                        firstResponseAt = at;
                    }
                    if (lastCustomerMessageAt == null || !at.isBefore(lastCustomerMessageAt)) {
                        awaitingReply = false;
                    }
                }
                case NOTE -> {
                }
            }
        }
    }
}
