package org.parley.conversation;

import java.time.Instant;
import org.parley.audit.AuditTrail;
import java.util.List;
import org.parley.base.events.DomainEvent;
import org.parley.base.events.EventSpine;
import org.parley.base.events.EventSubscriber;
import org.springframework.stereotype.Component;

/**
 * A reply that was resolved with ("Send and resolve") and then failed must not leave every queue unnoticed: the
 * conversation opens again, keeping its assignee, and Parley notes in the timeline why. A conversation that someone
 * resolved again after the reply was written stays as they left it. (Its author is told by the realtime module,
 * which hears the same {@link DeliveryFailed}.)
 */
@Component
class FailedReplies implements EventSubscriber {

    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final AuditTrail audit;
    private final EventSpine events;

    FailedReplies(ConversationRepository conversations, MessageRepository messages, AuditTrail audit,
            EventSpine events) {
        this.conversations = conversations;
        this.messages = messages;
        this.audit = audit;
        this.events = events;
    }

    @Override
    public String name() {
        return "failed-replies";
    }

    @Override
    public boolean accepts(Class<? extends DomainEvent> type) {
        return type == DeliveryFailed.class;
    }

    @Override
    public void handle(List<DomainEvent> batch) {
        for (DomainEvent event : batch) {
            reopenIfResolvedWith((DeliveryFailed) event);
        }
    }

    /** Reopens the conversation when it is still resolved as of the failed reply; answers whether it did. */
    boolean reopenIfResolvedWith(DeliveryFailed event) {
        Message reply = messages.findById(event.messageId()).orElse(null);
        if (reply == null || reply.getDeliveryStatus() != DeliveryStatus.FAILED) {
            return false; // sent or queued again since
        }
        Conversation c = conversations.findById(event.conversationId()).orElse(null);
        if (c == null || c.getStatus() != ConversationStatus.RESOLVED || c.getResolvedAt() == null
                || c.getResolvedAt().isAfter(reply.getOccurredAt())) {
            return false;
        }
        Instant now = Instant.now();
        c.changeStatus(ConversationStatus.OPEN, now);
        c.replyFailed();
        String who = reply.getAuthorName() == null ? "A reply" : reply.getAuthorName() + "'s reply";
        Message note = Message.note(c, null, "Parley", who + " on " + reply.getChannel().label()
                + " was not delivered (" + reply.getDeliveryError() + "), so this conversation is open again."
                + " Retry the reply or answer on another channel.", now);
        messages.save(note);
        c.record(note);
        audit.record("conversation.status", "conversation", c.getId(),
                "RESOLVED -> OPEN (reply " + reply.getId() + " not delivered)");
        events.publish(new NoteAdded(note.getId(), c.getId(), c.getCustomerId(), null, "Parley", note.getTextBody(), now));
        events.publish(new ConversationChanged(c.getId(), c.getCustomerId(), Origin.SYSTEM, null,
                List.of(new ConversationChanged.StatusChanged(ConversationStatus.RESOLVED, ConversationStatus.OPEN)), now));
        return true;
    }
}
