package org.parley.conversation;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.parley.audit.AuditTrail;
import org.parley.base.InvalidInputException;
import org.parley.base.NotFoundException;
import org.parley.base.events.EventSpine;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.ConversationChanged.SnoozeChanged;
import jakarta.persistence.EntityManager;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Snooze: an agent parks an open or pending conversation until a time, until the customer replies, or both. It
 * leaves every queue but {@link Queue#SNOOZED} and comes back by itself: on time ({@link #wakeDue}, run by the
 * {@link SnoozeAlarm}) or when the customer writes (in {@link ConversationService#receive}, the same transaction
 * that stores the message). Each snooze and wake is one {@link ConversationChanged} with a {@link SnoozeChanged}
 * (screens repaint, the SLA clock pauses or resumes) and one audit entry.
 */
@Service
@Transactional(readOnly = true)
public class Snoozes {

    static final String AUDIT_ACTION = "conversation.snooze";

    private final ConversationService conversations;
    private final ConversationRepository repository;
    private final EventSpine events;
    private final AuditTrail audit;
    private final Clock clock;
    private final EntityManager em;

    Snoozes(ConversationService conversations, ConversationRepository repository, EventSpine events, AuditTrail audit,
            Clock clock, EntityManager em) {
        this.conversations = conversations;
        this.repository = repository;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
        this.em = em;
    }

    /**
     * Snoozes a conversation the viewer may see (else not found) until {@code until} and/or until the customer
     * replies; a snoozed one is snoozed anew. Refused (400): neither given, a time that is not in the future, a
     * resolved or closed conversation.
     */
    @Transactional
    public ConversationView snooze(Viewer viewer, UUID conversationId, Instant until, boolean untilReply) {
        conversations.get(viewer, conversationId);
        Instant now = clock.instant();
        if (until == null && !untilReply) {
            throw new InvalidInputException("say until when: a time (\"until\") or until the customer replies"
                    + " (\"untilReply\": true)");
        }
        if (until != null && !until.isAfter(now)) {
            throw new InvalidInputException("\"until\" must be in the future (it is " + until + ", now is "
                    + now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ")");
        }
        Conversation c = load(conversationId);
        if (!c.getStatus().isActive()) {
            throw new InvalidInputException("only an open or pending conversation can be snoozed (this one is "
                    + c.getStatus() + ")");
        }
        Snooze before = c.getSnooze();
        Snooze after = new Snooze(until, untilReply);
        if (!after.equals(before)) {
            c.snooze(after);
            audit.record(AUDIT_ACTION, "conversation", conversationId, describe(after));
            changed(c, viewer, new SnoozeChanged(before, after), now);
        }
        return ConversationView.of(c);
    }

    /** Wakes a conversation the viewer may see now (nothing happens when it is not snoozed). */
    @Transactional
    public ConversationView wake(Viewer viewer, UUID conversationId) {
        conversations.get(viewer, conversationId);
        Conversation c = load(conversationId);
        wake(c, viewer, "woken", clock.instant());
        return ConversationView.of(c);
    }

    /**
     * Wakes up to {@code limit} conversations whose time has come by {@code now} (rows locked with
     * {@code FOR UPDATE SKIP LOCKED}, so nodes share the work without waking one twice). Parley's own work only.
     *
     * @return how many woke
     */
    @Transactional
    public int wakeDue(Viewer viewer, Instant now, int limit) {
        viewer.requireParley("wake snoozed conversations");
        int woken = 0;
        for (UUID id : lockDue(now, limit)) {
            Conversation c = repository.findById(id).orElse(null);
            if (c != null && c.getSnooze() != null && c.getSnooze().until() != null
                    && !c.getSnooze().until().isAfter(now)) {
                wake(c, viewer, "woken on time", now);
                woken++;
            }
        }
        return woken;
    }

    /** A customer's message arrived (inside {@link ConversationService#receive}): a snoozed conversation wakes. */
    static SnoozeChanged wokenByReply(Conversation c) {
        Snooze before = c.wake();
        return before == null ? null : new SnoozeChanged(before, null);
    }

    private void wake(Conversation c, Viewer viewer, String why, Instant at) {
        Snooze before = c.wake();
        if (before != null) {
            audit.record(AUDIT_ACTION, "conversation", c.getId(), why);
            changed(c, viewer, new SnoozeChanged(before, null), at);
        }
    }

    private void changed(Conversation c, Viewer viewer, SnoozeChanged change, Instant at) {
        events.publish(new ConversationChanged(c.getId(), c.getCustomerId(), viewer.origin(),
                viewer.origin() == Origin.AGENT ? viewer.agentId() : null, List.of(change), at));
    }

    static String describe(Snooze s) {
        if (s.until() == null) {
            return "snoozed until the customer replies";
        }
        return "snoozed until " + s.until() + (s.untilReply() ? " or the customer replies" : "");
    }

    private List<UUID> lockDue(Instant now, int limit) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery("SELECT id FROM conversation WHERE snoozed_until <= ?1"
                        + " ORDER BY snoozed_until LIMIT ?2 FOR UPDATE SKIP LOCKED")
                .setParameter(1, now)
                .setParameter(2, limit)
                .getResultList();
        return rows.stream().map(Snoozes::uuid).toList();
    }

    private static UUID uuid(Object value) {
        if (value instanceof UUID id) {
            return id;
        }
        ByteBuffer bytes = ByteBuffer.wrap((byte[]) value);
        return new UUID(bytes.getLong(), bytes.getLong());
    }

    private Conversation load(UUID id) {
        return repository.findById(id).orElseThrow(() -> new NotFoundException("conversation " + id));
    }
}
