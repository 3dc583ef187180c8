package org.parley.search;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.search.engine.backend.types.Projectable;
import org.hibernate.search.engine.backend.types.Sortable;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.DocumentId;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.FullTextField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.GenericField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.Indexed;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.KeywordField;
import org.parley.base.Channel;
import org.parley.conversation.ConversationStatus;
import org.parley.conversation.Direction;
import org.parley.conversation.Priority;

/**
 * One conversation as saved views see it: its state, its customer and the words of all its messages, with the
 * fields they sort on. The fields a query filters on are named as in {@link SearchDocument}, so one query means
 * the same on both. Kept by {@link SearchDocuments} together with the conversation's message documents.
 */
@Entity
@Table(name = "search_conversation")
@Indexed(index = "conversations")
class SearchConversation {

    /** The words of a long conversation beyond this many characters are not searched in views. */
    static final int MAX_BODY = 100_000;

    @Id
    @DocumentId
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @GenericField
    @Column(name = "customer_id", nullable = false)
    private UUID customerId;

    @KeywordField(normalizer = SearchAnalysis.LOWERCASE)
    @Enumerated(EnumType.STRING)
    @Column(name = "channel", nullable = false, length = 20)
    private Channel channel;

    @FullTextField(analyzer = SearchAnalysis.TEXT)
    @Column(name = "subject", length = 300)
    private String subject;

    @FullTextField(analyzer = SearchAnalysis.TEXT)
    @Column(name = "body", length = 1000000)
    private String body;

    @FullTextField(analyzer = SearchAnalysis.TEXT)
    @Column(name = "customer_name", length = 200)
    private String customerName;

    @FullTextField(analyzer = SearchAnalysis.TOKENS)
    @Column(name = "identities", length = 4000)
    private String identities;

    @FullTextField(analyzer = SearchAnalysis.TOKENS)
    @Column(name = "tags", length = 4000)
    private String tags;

    @KeywordField(normalizer = SearchAnalysis.LOWERCASE)
    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 20)
    private ConversationStatus status;

    @KeywordField(normalizer = SearchAnalysis.LOWERCASE)
    @Enumerated(EnumType.STRING)
    @Column(name = "priority", nullable = false, length = 20)
    private Priority priority;

    /** 0 for the most urgent priority: sorts urgent first. */
    @GenericField(sortable = Sortable.YES)
    @Column(name = "priority_rank", nullable = false)
    private int priorityRank;

    @GenericField
    @Column(name = "team_id")
    private UUID teamId;

    @GenericField
    @Column(name = "assignee_id")
    private UUID assigneeId;

    @GenericField
    @Column(name = "has_attachment", nullable = false)
    private boolean hasAttachment;

    @GenericField
    @Column(name = "sla_breached", nullable = false)
    private boolean slaBreached;

    @GenericField
    @Column(name = "snoozed", nullable = false)
    private boolean snoozed;

    /** The last activity. */
    @GenericField(sortable = Sortable.YES, projectable = Projectable.YES)
    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    /** Since when the customer waits for our answer (their message is the last word), else null. */
    @GenericField(sortable = Sortable.YES)
    @Column(name = "waiting_since")
    private Instant waitingSince;

    protected SearchConversation() {
    }

    SearchConversation(UUID conversationId) {
        this.id = conversationId;
    }

    UUID getId() {
        return id;
    }

    /** Whether the row shows these values of its conversation (those every message document repeats too). */
    boolean shows(UUID customerId, Channel channel, String subject, String tags, ConversationStatus status,
            Priority priority, UUID teamId, UUID assigneeId, boolean snoozed) {
        return Objects.equals(this.customerId, customerId) && this.channel == channel
                && Objects.equals(this.subject, subject) && Objects.equals(this.tags, tags) && this.status == status
                && this.priority == priority && Objects.equals(this.teamId, teamId)
                && Objects.equals(this.assigneeId, assigneeId) && this.snoozed == snoozed;
    }

    String getCustomerName() {
        return customerName;
    }

    String getIdentities() {
        return identities;
    }

    boolean isSlaBreached() {
        return slaBreached;
    }

    /**
     * One more message, after every message the row has seen: the row as {@link #update} makes it from all the
     * messages with this one last (its words added while the body is not full; the wait starts with the customer's
     * word and ends with ours).
     */
    void append(String text, Direction direction, Instant at, boolean attached, Instant lastActivityAt) {
        if (body.length() < MAX_BODY) {
            String longer = body + text + '\n';
            body = longer.length() > MAX_BODY ? longer.substring(0, MAX_BODY) : longer;
        }
        if (status == ConversationStatus.OPEN) {
            if (direction == Direction.INBOUND) {
                waitingSince = waitingSince == null ? at : waitingSince;
            } else if (direction == Direction.OUTBOUND) {
                waitingSince = null;
            }
        }
        hasAttachment |= attached;
        occurredAt = lastActivityAt;
    }

    void update(UUID customerId, Channel channel, String subject, String body, String customerName, String identities,
            String tags, ConversationStatus status, Priority priority, UUID teamId, UUID assigneeId,
            boolean hasAttachment, boolean slaBreached, boolean snoozed, Instant occurredAt, Instant waitingSince) {
        this.customerId = customerId;
        this.channel = channel;
        this.subject = subject;
        this.body = body.length() > MAX_BODY ? body.substring(0, MAX_BODY) : body;
        this.customerName = customerName;
        this.identities = identities;
        this.tags = tags;
        this.status = status;
        this.priority = priority;
        this.priorityRank = Priority.values().length - 1 - priority.ordinal();
        this.teamId = teamId;
        this.assigneeId = assigneeId;
        this.hasAttachment = hasAttachment;
        this.slaBreached = slaBreached;
        this.snoozed = snoozed;
        this.occurredAt = occurredAt;
        this.waitingSince = waitingSince;
    }
}
