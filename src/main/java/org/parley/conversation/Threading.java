package org.parley.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.parley.base.Channel;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;

/**
 * Decides which conversation an incoming message belongs to:
 * <ol>
 * <li>a thread hint (in-reply-to or references) naming an earlier message → that message's conversation,
 *     unless it is closed;</li>
 * <li>a thread key seen before on the same channel → that conversation, unless closed; the key of a conversation
 *     that was merged into another one leads to the one it was merged into (unless that is closed);</li>
 * <li>the customer's open or pending conversation on the same channel, active within the window, with the
 *     same subject without Re:/Fwd:/AW:/WG:/SV: prefixes; by email a different subject starts a new
 *     conversation, on other channels the latest active conversation takes the message;</li>
 * <li>otherwise none: a new conversation starts.</li>
 * </ol>
 */
@Component
class Threading {

    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final ThreadingProperties properties;

    Threading(ConversationRepository conversations, MessageRepository messages, ThreadingProperties properties) {
        this.conversations = conversations;
        this.messages = messages;
        this.properties = properties;
    }

    java.time.Duration window() {
        return properties.window();
    }

    Optional<Conversation> findThread(IncomingMessage in) {
        List<String> hints = new ArrayList<>();
        if (in.inReplyTo() != null && !in.inReplyTo().isBlank()) {
            hints.add(in.inReplyTo().strip());
        }
        // Outlook and others sometimes drop In-Reply-To but keep References: the newest reference wins
        for (int i = in.references().size() - 1; i >= 0; i--) {
            String ref = in.references().get(i);
            if (ref != null && !ref.isBlank() && !hints.contains(ref.strip())) {
                hints.add(ref.strip());
            }
        }
        if (!hints.isEmpty()) {
            // the earlier messages' conversation ids, not the messages: those would be read whole (bodies included)
            // into the persistence context and dirty-checked when the new message is flushed
            for (UUID earlier : messages.findConversationIdsByExternalIds(in.channel(), hints, Limit.of(5))) {
                Optional<Conversation> byHint = conversations.findById(earlier)
                        .filter(c -> c.getStatus() != ConversationStatus.CLOSED);
                if (byHint.isPresent()) {
                    return byHint;
                }
            }
        }
        if (in.threadKey() != null && !in.threadKey().isBlank()) {
            Optional<Conversation> byKey = conversations.findByThreadKey(in.channel(), in.threadKey().strip(), Limit.of(1))
                    .stream().findFirst();
            if (byKey.isPresent()) {
                return byKey;
            }
            Optional<Conversation> byMergedKey = conversations.findMergedByThreadKey(in.channel(),
                    in.threadKey().strip(), Limit.of(1)).stream().findFirst().flatMap(this::survivorOf)
                    .filter(c -> c.getStatus() != ConversationStatus.CLOSED);
            if (byMergedKey.isPresent()) {
                return byMergedKey;
            }
        }
        // a public comment never joins a private DM conversation, nor a DM a public thread
        boolean publicThread = in.channel().isPublicThread(in.threadKey());
        List<Conversation> active = conversations.findActiveOfCustomer(in.customerId(), in.channel(),
                in.receivedAt().minus(properties.window()), Limit.of(SUBJECT_CANDIDATES)).stream()
                .filter(c -> in.channel().isPublicThread(c.getThreadKey()) == publicThread).toList();
        String subject = normalizeSubject(in.subject());
        if (!subject.isEmpty()) {
            // mail without usable thread headers: the same customer's active conversation on the same topic
            Optional<Conversation> bySubject = active.stream()
                    .filter(c -> subject.equals(normalizeSubject(c.getSubject()))).findFirst();
            if (bySubject.isPresent() || in.channel() == Channel.EMAIL) {
                return bySubject; // a new subject by email is a new topic, not the latest open conversation
            }
        }
        return active.stream().findFirst();
    }

    private static final int SUBJECT_CANDIDATES = 20;

    /** The conversation a merged one was merged into, following merges of merges. */
    private Optional<Conversation> survivorOf(Conversation merged) {
        Optional<Conversation> current = Optional.of(merged);
        for (int hops = 0; hops < 20 && current.isPresent() && current.get().getMergedInto() != null; hops++) {
            current = conversations.findById(current.get().getMergedInto());
        }
        return current.filter(c -> c.getMergedInto() == null);
    }

    static String normalizeSubject(String subject) {
        return Subjects.normalize(subject);
    }
}
