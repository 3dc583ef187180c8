package org.parley.conversation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Removes or anonymises resolved conversations past the retention period, one batch per transaction. */
@Service
public class ConversationRetention {

    public enum Mode {
        /** Delete the conversations and their messages. */
        DELETE,
        /** Keep the conversations and messages for statistics, but erase subjects and bodies. */
        ANONYMISE
    }

    private final MessageRedactions redactions;
    private final ConversationRepository conversations;
    private final ApplicationEventPublisher events;

    ConversationRetention(MessageRedactions redactions, ConversationRepository conversations,
            ApplicationEventPublisher events) {
        this.redactions = redactions;
        this.conversations = conversations;
        this.events = events;
    }

    /**
     * Handles up to {@code batchSize} resolved or closed conversations whose last activity is before the
     * cutoff; returns how many it handled (call again while it returns a full batch).
     */
    @Transactional
    public int purgeBatch(Instant cutoff, Mode mode, int batchSize) {
        List<UUID> ids = redactions.findExpired(cutoff, Limit.of(batchSize));
        if (ids.isEmpty()) {
            return 0;
        }
        if (mode == Mode.DELETE) {
            events.publishEvent(new ConversationsPurging(ids));
            redactions.deleteAttachmentsOf(ids);
            redactions.deleteMessagesOf(ids);
            redactions.deleteMergeMessagesOf(ids);
            redactions.deleteMergesOf(ids);
            // one by one, so each conversation's tags go with it
            conversations.deleteAll(conversations.findAllById(ids));
        } else {
            redactions.deleteAttachmentsOf(ids);
            redactions.redactMessagesOf(ids);
            redactions.redactConversations(ids);
            redactions.redactMergesOf(ids);
        }
        return ids.size();
    }
}
