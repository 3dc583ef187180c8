package org.parley.conversation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.parley.base.AbstractEntity;

/**
 * One merge of two conversations of a customer, with what it changed, so that it can be undone: the absorbed
 * conversation's state before it became a pointer, and the survivor's fields before and right after the merge
 * (the messages it moved are {@link ConversationMergeMessage}s).
 */
@Entity
@Table(name = "conversation_merge")
class ConversationMerge extends AbstractEntity {

    @Column(name = "survivor_id", nullable = false)
    private UUID survivorId;

    @Column(name = "absorbed_id", nullable = false)
    private UUID absorbedId;

    @Column(name = "customer_id", nullable = false)
    private UUID customerId;

    @Column(name = "merged_at", nullable = false)
    private Instant mergedAt;

    @Column(name = "merged_by", length = 200)
    private String mergedBy;

    @Enumerated(EnumType.STRING)
    @Column(name = "absorbed_status", nullable = false, length = 20)
    private ConversationStatus absorbedStatus;

    @Column(name = "absorbed_resolved_at")
    private Instant absorbedResolvedAt;

    @Column(name = "absorbed_message_count", nullable = false)
    private int absorbedMessageCount;

    @Column(name = "absorbed_last_activity_at", nullable = false)
    private Instant absorbedLastActivityAt;

    @Column(name = "absorbed_last_customer_msg_at")
    private Instant absorbedLastCustomerMessageAt;

    @Column(name = "absorbed_first_response_at")
    private Instant absorbedFirstResponseAt;

    @Column(name = "absorbed_snippet", length = Conversation.SNIPPET_LENGTH)
    private String absorbedSnippet;

    @Column(name = "absorbed_awaiting_reply", nullable = false)
    private boolean absorbedAwaitingReply;

    @Enumerated(EnumType.STRING)
    @Column(name = "survivor_status", nullable = false, length = 20)
    private ConversationStatus survivorStatus;

    @Column(name = "survivor_resolved_at")
    private Instant survivorResolvedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "survivor_priority", nullable = false, length = 20)
    private Priority survivorPriority;

    @Column(name = "survivor_tags", nullable = false)
    private String survivorTags;

    @Column(name = "survivor_message_count", nullable = false)
    private int survivorMessageCount;

    @Column(name = "survivor_last_activity_at", nullable = false)
    private Instant survivorLastActivityAt;

    @Column(name = "survivor_last_customer_msg_at")
    private Instant survivorLastCustomerMessageAt;

    @Column(name = "survivor_first_response_at")
    private Instant survivorFirstResponseAt;

    @Column(name = "survivor_snippet", length = Conversation.SNIPPET_LENGTH)
    private String survivorSnippet;

    @Column(name = "survivor_awaiting_reply", nullable = false)
    private boolean survivorAwaitingReply;

    @Enumerated(EnumType.STRING)
    @Column(name = "merged_status", nullable = false, length = 20)
    private ConversationStatus mergedStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "merged_priority", nullable = false, length = 20)
    private Priority mergedPriority;

    @Column(name = "merged_tags", nullable = false)
    private String mergedTags;

    @Column(name = "unmerged_at")
    private Instant unmergedAt;

    @Column(name = "unmerged_by", length = 200)
    private String unmergedBy;

    protected ConversationMerge() {
    }

    /** Takes the snapshot: call before anything of the two changes. */
    ConversationMerge(Conversation survivor, Conversation absorbed, Instant at, String by) {
        this.survivorId = survivor.getId();
        this.absorbedId = absorbed.getId();
        this.customerId = survivor.getCustomerId();
        this.mergedAt = at;
        this.mergedBy = by;
        this.absorbedStatus = absorbed.getStatus();
        this.absorbedResolvedAt = absorbed.getResolvedAt();
        this.absorbedMessageCount = absorbed.getMessageCount();
        this.absorbedLastActivityAt = absorbed.getLastActivityAt();
        this.absorbedLastCustomerMessageAt = absorbed.getLastCustomerMessageAt();
        this.absorbedFirstResponseAt = absorbed.getFirstResponseAt();
        this.absorbedSnippet = absorbed.getSnippet();
        this.absorbedAwaitingReply = absorbed.isAwaitingReply();
        this.survivorStatus = survivor.getStatus();
        this.survivorResolvedAt = survivor.getResolvedAt();
        this.survivorPriority = survivor.getPriority();
        this.survivorTags = join(survivor.getTags());
        this.survivorMessageCount = survivor.getMessageCount();
        this.survivorLastActivityAt = survivor.getLastActivityAt();
        this.survivorLastCustomerMessageAt = survivor.getLastCustomerMessageAt();
        this.survivorFirstResponseAt = survivor.getFirstResponseAt();
        this.survivorSnippet = survivor.getSnippet();
        this.survivorAwaitingReply = survivor.isAwaitingReply();
    }

    /** What the merge set on the survivor: undo reverts a field only while it still has this value. */
    void mergedFields(Conversation survivor) {
        this.mergedStatus = survivor.getStatus();
        this.mergedPriority = survivor.getPriority();
        this.mergedTags = join(survivor.getTags());
    }

    void restoreAbsorbed(Conversation absorbed) {
        absorbed.unmerged(absorbedStatus, absorbedResolvedAt, absorbedMessageCount, absorbedLastActivityAt,
                absorbedLastCustomerMessageAt, absorbedFirstResponseAt, absorbedSnippet, absorbedAwaitingReply);
    }

    /** The survivor's counters as they were before the merge (right when nothing arrived in it since). */
    void restoreSurvivorCounters(Conversation survivor) {
        survivor.restoreCounters(survivor.getStatus(), survivor.getResolvedAt(), survivorMessageCount,
                survivorLastActivityAt, survivorLastCustomerMessageAt, survivorFirstResponseAt, survivorSnippet,
                survivorAwaitingReply);
    }

    UUID getSurvivorId() {
        return survivorId;
    }

    UUID getAbsorbedId() {
        return absorbedId;
    }

    UUID getCustomerId() {
        return customerId;
    }

    Instant getMergedAt() {
        return mergedAt;
    }

    String getMergedBy() {
        return mergedBy;
    }

    ConversationStatus getSurvivorStatus() {
        return survivorStatus;
    }

    Instant getSurvivorResolvedAt() {
        return survivorResolvedAt;
    }

    Priority getSurvivorPriority() {
        return survivorPriority;
    }

    Set<String> survivorTags() {
        return split(survivorTags);
    }

    int getSurvivorMessageCount() {
        return survivorMessageCount;
    }

    ConversationStatus getMergedStatus() {
        return mergedStatus;
    }

    Priority getMergedPriority() {
        return mergedPriority;
    }

    Set<String> mergedTags() {
        return split(mergedTags);
    }

    boolean isUndone() {
        return unmergedAt != null;
    }

    void undone(Instant at, String by) {
        this.unmergedAt = at;
        this.unmergedBy = by;
    }

    // tags are letters, digits, spaces, '_', '.' and '-' (ConversationService): a comma never occurs in one
    private static String join(Set<String> tags) {
        return String.join(",", new TreeSet<>(tags));
    }

    private static Set<String> split(String tags) {
        return tags == null || tags.isEmpty() ? new TreeSet<>() : new TreeSet<>(Arrays.asList(tags.split(",")));
    }
}
