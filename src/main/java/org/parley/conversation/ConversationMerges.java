package org.parley.conversation;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.parley.audit.AuditTrail;
import org.parley.base.InvalidInputException;
import org.parley.base.NotFoundException;
import org.parley.base.events.EventSpine;
import org.parley.conversation.ConversationAccess.Viewer;
import jakarta.persistence.EntityManager;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Merging two conversations of one customer, and undoing it. The earlier-created conversation survives,
 * whichever one the caller names first: the later one's messages move into it, it takes the more active status
 * (open if either was open), the higher priority and both conversations' tags, keeps its own assignee and team,
 * and its counters are recomputed from all its messages. The later one becomes a pointer ({@code mergedInto}):
 * closed, in no queue and no report, and its thread keeps leading new messages into the survivor
 * ({@link Threading}). What the merge changed is recorded ({@link ConversationMerge}), so that undoing it moves
 * exactly the moved messages back (later ones stay in the survivor) and gives the absorbed conversation its former
 * state.
 */
@Service
@Transactional(readOnly = true)
public class ConversationMerges {

    /** A done (or undone) merge: both conversations as they are now. */
    public record MergeResult(UUID mergeId, ConversationView survivor, ConversationView absorbed, int movedMessages) {
    }

    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final ConversationMergeRepository merges;
    private final ConversationMergeMessageRepository moved;
    private final ConversationAccess access;
    private final AuditTrail audit;
    private final EventSpine events;
    private final EntityManager em;

    ConversationMerges(ConversationRepository conversations, MessageRepository messages,
            ConversationMergeRepository merges, ConversationMergeMessageRepository moved, ConversationAccess access,
            AuditTrail audit, EventSpine events, EntityManager em) {
        this.conversations = conversations;
        this.messages = messages;
        this.merges = merges;
        this.moved = moved;
        this.access = access;
        this.audit = audit;
        this.events = events;
        this.em = em;
    }

    /**
     * The conversations {@code conversationId} could be merged with: the same customer's other conversations the
     * viewer sees that are not merged themselves, newest activity first.
     */
    public List<ConversationView> candidates(Viewer viewer, UUID conversationId) {
        ConversationView c = visible(viewer, conversationId);
        if (c.isMerged()) {
            return List.of();
        }
        return conversations.findByCustomerIdOrderByLastActivityAtDesc(c.customerId()).stream()
                .filter(o -> !o.getId().equals(conversationId) && o.getMergedInto() == null)
                .map(ConversationView::withoutTags).filter(o -> access.canSee(viewer, o)).toList();
    }

    /**
     * Merges two conversations of one customer; the earlier-created one survives.
     *
     * @param version the version of {@code conversationId} the caller read, or null to skip the check
     * @param otherVersion the version of {@code otherId} the caller read, or null
     * @throws NotFoundException either conversation is missing or hidden from the viewer
     * @throws InvalidInputException the same conversation twice, different customers, or one already merged
     * @throws VersionConflict a given version is not the conversation's current one
     */
    @Transactional
    public MergeResult merge(Viewer viewer, UUID conversationId, UUID otherId, Long version, Long otherVersion) {
        if (otherId == null) {
            throw new InvalidInputException("from (the other conversation's id) is required");
        }
        ConversationView first = visible(viewer, conversationId);
        ConversationView second = visible(viewer, otherId);
        if (first.id().equals(second.id())) {
            throw new InvalidInputException("a conversation cannot be merged with itself");
        }
        if (!first.customerId().equals(second.customerId())) {
            throw new InvalidInputException("only conversations of the same customer can be merged");
        }
        for (ConversationView c : List.of(first, second)) {
            if (c.isMerged()) {
                throw new InvalidInputException("conversation " + c.id() + " is already merged into "
                        + c.mergedInto());
            }
        }
        checkVersion(first, version);
        checkVersion(second, otherVersion);
        boolean firstEarlier = first.createdAt().isBefore(second.createdAt())
                || (first.createdAt().equals(second.createdAt()) && first.id().compareTo(second.id()) < 0);
        Conversation survivor = loadWithTags(firstEarlier ? first.id() : second.id());
        Conversation absorbed = loadWithTags(firstEarlier ? second.id() : first.id());
        Instant now = Instant.now();
        ConversationMerge merge = new ConversationMerge(survivor, absorbed, now, audit.currentActor());

        List<Message> moving = messages.findByConversation(absorbed.getId());
        for (Message m : moving) {
            m.moveToConversation(survivor.getId());
        }
        ConversationStatus status = merged(survivor.getStatus(), absorbed.getStatus());
        survivor.changeStatus(status, now);
        if (absorbed.getPriority().compareTo(survivor.getPriority()) > 0) {
            survivor.changePriority(absorbed.getPriority());
        }
        Set<String> tags = new TreeSet<>(survivor.getTags());
        tags.addAll(absorbed.getTags());
        survivor.replaceTags(tags);
        em.flush();
        survivor.recount(messages.findByConversation(survivor.getId()));
        absorbed.mergedInto(survivor.getId(), now);
        merge.mergedFields(survivor);
        merges.save(merge);
        moved.saveAll(moving.stream().map(m -> new ConversationMergeMessage(merge.getId(), m.getId())).toList());

        audit.record("conversation.merged", "conversation", survivor.getId(), "absorbed " + absorbed.getId() + " ("
                + moving.size() + " messages), merge " + merge.getId());
        audit.record("conversation.merged_into", "conversation", absorbed.getId(), "merged into " + survivor.getId()
                + ", merge " + merge.getId());
        events.publish(new ConversationsMerged(merge.getId(), survivor.getId(), absorbed.getId(),
                survivor.getCustomerId(), viewer.origin(), viewer.origin() == Origin.AGENT ? viewer.agentId() : null,
                moving.size(), now));
        em.flush(); // the version checks of both rows happen here, inside the caller's request
        return new MergeResult(merge.getId(), ConversationView.of(survivor), ConversationView.of(absorbed),
                moving.size());
    }

    /**
     * Undoes the merge that made {@code absorbedId} a pointer: the messages that merge moved go back (messages that
     * arrived in the survivor since stay there), the absorbed conversation gets its former state, and the survivor
     * its former status, priority and tags where nobody changed them since; its counters are recomputed.
     *
     * @throws NotFoundException either conversation is missing or hidden from the viewer
     * @throws InvalidInputException {@code absorbedId} is not merged, or its survivor was merged on itself since
     */
    @Transactional
    public MergeResult unmerge(Viewer viewer, UUID absorbedId) {
        ConversationView pointer = visible(viewer, absorbedId);
        if (!pointer.isMerged()) {
            throw new InvalidInputException("conversation " + absorbedId + " is not merged");
        }
        ConversationMerge merge = merges.activeMergeOf(absorbedId)
                .orElseThrow(() -> new InvalidInputException("conversation " + absorbedId + " is not merged"));
        ConversationView survivorView = visible(viewer, merge.getSurvivorId());
        if (survivorView.isMerged()) {
            throw new InvalidInputException("conversation " + survivorView.id() + " was merged into "
                    + survivorView.mergedInto() + " since: undo that merge first");
        }
        Conversation survivor = loadWithTags(merge.getSurvivorId());
        Conversation absorbed = loadWithTags(absorbedId);
        Instant now = Instant.now();

        Set<UUID> movedIds = new HashSet<>(moved.messagesMovedBy(merge.getId()));
        List<Message> survivorMessages = messages.findByConversation(survivor.getId());
        int back = 0;
        for (Message m : survivorMessages) {
            if (movedIds.contains(m.getId())) {
                m.moveToConversation(absorbedId);
                back++;
            }
        }
        merge.restoreAbsorbed(absorbed);
        if (survivor.getStatus() == merge.getMergedStatus()) {
            survivor.changeStatus(merge.getSurvivorStatus(), now);
            if (merge.getSurvivorStatus() == ConversationStatus.RESOLVED
                    || merge.getSurvivorStatus() == ConversationStatus.CLOSED) {
                survivor.setResolvedAt(merge.getSurvivorResolvedAt());
            }
        }
        if (survivor.getPriority() == merge.getMergedPriority()) {
            survivor.changePriority(merge.getSurvivorPriority());
        }
        if (survivor.getTags().equals(merge.mergedTags())) {
            survivor.replaceTags(merge.survivorTags());
        }
        em.flush();
        List<Message> remaining = messages.findByConversation(survivor.getId());
        if (remaining.size() == merge.getSurvivorMessageCount() && remaining.size() + back == survivorMessages.size()
                && remaining.stream().allMatch(m -> !m.getOccurredAt().isAfter(merge.getMergedAt()))) {
            merge.restoreSurvivorCounters(survivor); // nothing arrived since: exactly as before
        } else {
            survivor.recount(remaining);
        }
        merge.undone(now, audit.currentActor());

        audit.record("conversation.unmerged", "conversation", survivor.getId(), "gave back " + back
                + " messages to " + absorbedId + ", merge " + merge.getId());
        audit.record("conversation.unmerged", "conversation", absorbedId, "no longer merged into " + survivor.getId()
                + ", merge " + merge.getId());
        events.publish(new ConversationsUnmerged(merge.getId(), survivor.getId(), absorbedId, survivor.getCustomerId(),
                viewer.origin(), viewer.origin() == Origin.AGENT ? viewer.agentId() : null, back, now));
        em.flush();
        return new MergeResult(merge.getId(), ConversationView.of(survivor), ConversationView.of(absorbed), back);
    }

    /** The conversation a merged one points to, following merges of merges (itself when not merged). */
    public UUID survivorOf(Viewer viewer, UUID conversationId) {
        UUID id = visible(viewer, conversationId).id();
        for (int hops = 0; hops < 20; hops++) {
            Optional<Conversation> c = conversations.findById(id);
            if (c.isEmpty() || c.get().getMergedInto() == null) {
                return id;
            }
            id = c.get().getMergedInto();
        }
        return id;
    }

    /** Open if either was open, else pending if either was pending, else the survivor's. */
    private static ConversationStatus merged(ConversationStatus survivor, ConversationStatus absorbed) {
        List<ConversationStatus> activeFirst = List.of(ConversationStatus.OPEN, ConversationStatus.PENDING);
        return activeFirst.stream().filter(s -> s == survivor || s == absorbed)
                .min(Comparator.comparingInt(activeFirst::indexOf)).orElse(survivor);
    }

    private static void checkVersion(ConversationView c, Long expected) {
        if (expected != null && (c.version() == null || c.version().longValue() != expected)) {
            throw new VersionConflict(c);
        }
    }

    private ConversationView visible(Viewer viewer, UUID id) {
        return access.requireVisible(viewer, ConversationView.of(loadWithTags(id)));
    }

    private Conversation loadWithTags(UUID id) {
        return conversations.findWithTags(id).orElseThrow(() -> new NotFoundException("conversation " + id));
    }
}
