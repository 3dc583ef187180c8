package org.parley.search;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.search.engine.backend.types.Highlightable;
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
 * What a search finds and filters on for one message: the message itself and, copied in, its conversation's
 * state and its customer's name and identities. Kept by {@link SearchIndexer}; Hibernate Search indexes every
 * change of a row when its transaction commits.
 * <p>
 * The snippets come from the plain highlighter, which analyses the stored text of the hits again: the subject and
 * body keep no term vectors and no offsets in their postings (what the other highlighters read). Those were written
 * for every message and rewritten by every segment merge, and no search read them.
 */
@Entity
@Table(name = "search_document")
@Indexed(index = "messages")
class SearchDocument {

    @Id
    @DocumentId
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @GenericField(projectable = Projectable.YES)
    @Column(name = "conversation_id", nullable = false)
    private UUID conversationId;

    @GenericField(projectable = Projectable.YES)
    @Column(name = "customer_id", nullable = false)
    private UUID customerId;

    @KeywordField(normalizer = SearchAnalysis.LOWERCASE, projectable = Projectable.YES)
    @Enumerated(EnumType.STRING)
    @Column(name = "channel", nullable = false, length = 20)
    private Channel channel;

    @KeywordField(normalizer = SearchAnalysis.LOWERCASE)
    @Enumerated(EnumType.STRING)
    @Column(name = "direction", nullable = false, length = 10)
    private Direction direction;

    @FullTextField(analyzer = SearchAnalysis.TEXT)
    @Column(name = "author_name", length = 200)
    private String authorName;

    @FullTextField(analyzer = SearchAnalysis.TEXT, projectable = Projectable.YES,
            highlightable = Highlightable.PLAIN)
    @Column(name = "subject", length = 300)
    private String subject;

    @FullTextField(analyzer = SearchAnalysis.TEXT, projectable = Projectable.YES,
            highlightable = Highlightable.PLAIN)
    @Column(name = "body", length = 1000000)
    private String body;

    @FullTextField(analyzer = SearchAnalysis.TEXT, projectable = Projectable.YES)
    @Column(name = "customer_name", length = 200)
    private String customerName;

    /** The customer's identity values (addresses, numbers, handles), space separated, lower case. */
    @FullTextField(analyzer = SearchAnalysis.TOKENS)
    @Column(name = "identities", length = 4000)
    private String identities;

    /** The conversation's tags, space separated, lower case. */
    @FullTextField(analyzer = SearchAnalysis.TOKENS)
    @Column(name = "tags", length = 4000)
    private String tags;

    @KeywordField(normalizer = SearchAnalysis.LOWERCASE, projectable = Projectable.YES)
    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 20)
    private ConversationStatus status;

    @KeywordField(normalizer = SearchAnalysis.LOWERCASE)
    @Enumerated(EnumType.STRING)
    @Column(name = "priority", nullable = false, length = 20)
    private Priority priority;

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

    @GenericField(projectable = Projectable.YES, sortable = Sortable.YES)
    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    protected SearchDocument() {
    }

    SearchDocument(UUID messageId) {
        this.id = messageId;
    }

    UUID getId() {
        return id;
    }

    UUID getConversationId() {
        return conversationId;
    }

    UUID getCustomerId() {
        return customerId;
    }

    boolean isSlaBreached() {
        return slaBreached;
    }

    /** Copies in the message's own fields. */
    void message(UUID conversationId, Channel channel, Direction direction, String authorName, String body,
            Instant occurredAt, boolean hasAttachment) {
        this.conversationId = conversationId;
        this.channel = channel;
        this.direction = direction;
        this.authorName = authorName;
        this.body = body;
        this.occurredAt = occurredAt;
        this.hasAttachment = hasAttachment;
    }

    /** Copies in the conversation's state. */
    void conversation(String subject, ConversationStatus status, Priority priority, UUID teamId, UUID assigneeId,
            String tags, boolean slaBreached) {
        this.subject = subject;
        this.status = status;
        this.priority = priority;
        this.teamId = teamId;
        this.assigneeId = assigneeId;
        this.tags = tags;
        this.slaBreached = slaBreached;
    }

    /** Copies in the customer's name and identities. */
    void customer(UUID customerId, String customerName, String identities) {
        this.customerId = customerId;
        this.customerName = customerName;
        this.identities = identities;
    }
}
