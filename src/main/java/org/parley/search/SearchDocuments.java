package org.parley.search;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationStatus;
import org.parley.conversation.Direction;
import org.parley.conversation.ConversationView;
import org.parley.conversation.MessageAttachments;
import org.parley.conversation.MessageView;
import org.parley.customer.CustomerDirectory;
import org.parley.customer.CustomerProfile;
import org.parley.sla.SlaClocks;
import org.springframework.stereotype.Component;

/**
 * Writes the search documents of one conversation from its current state: the caller's transaction commits
 * them, and Hibernate Search indexes what changed (an unchanged row is not re-indexed).
 */
@Component
class SearchDocuments {

    private final EntityManager em;
    private final ConversationService conversations;
    private final MessageAttachments attachments;
    private final CustomerDirectory customers;
    private final SlaClocks sla;

    SearchDocuments(EntityManager em, ConversationService conversations, MessageAttachments attachments,
            CustomerDirectory customers, SlaClocks sla) {
        this.em = em;
        this.conversations = conversations;
        this.attachments = attachments;
        this.customers = customers;
        this.sla = sla;
    }

    /**
     * Brings the documents of a conversation up to date: one per message, none once the conversation is gone.
     *
     * @param breached an SLA target of the conversation was just breached
     */
    void sync(UUID conversationId, boolean breached) {
        Optional<ConversationView> found = conversations.find(Viewer.SYSTEM, conversationId);
        List<SearchDocument> existing = ofConversation(conversationId);
        if (found.isEmpty() || found.get().isMerged()) {
            // gone, or merged into another conversation (a pointer: its messages are the survivor's now)
            existing.forEach(em::remove);
            removeConversationRow(conversationId);
            return;
        }
        ConversationView conversation = found.get();
        List<MessageView> messages = conversations.messages(Viewer.SYSTEM, conversationId);
        Map<UUID, SearchDocument> byId = new HashMap<>();
        existing.forEach(d -> byId.put(d.getId(), d));
        boolean slaBreached = breached || existing.stream().anyMatch(SearchDocument::isSlaBreached)
                || (existing.isEmpty() && breachedNow(conversationId));
        Set<UUID> withAttachments = attachments.of(messages.stream().map(MessageView::id).toList()).entrySet()
                .stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).collect(Collectors.toSet());
        CustomerProfile customer = customers.find(conversation.customerId()).orElse(null);
        String customerName = customer == null ? null : customer.displayName();
        String identities = customer == null ? "" : customer.identities().stream()
                .flatMap(i -> java.util.stream.Stream.of(i.value(), i.displayValue()))
                .filter(v -> v != null && !v.isBlank())
                .map(v -> v.strip().toLowerCase(Locale.ROOT).replace(' ', '_'))
                .distinct().collect(Collectors.joining(" "));
        String tags = conversation.tags().stream().map(t -> t.toLowerCase(Locale.ROOT).replace(' ', '_'))
                .collect(Collectors.joining(" "));
        for (MessageView message : messages) {
            SearchDocument document = byId.remove(message.id());
            if (document == null) {
                // a message another conversation held until a merge moved it here
                document = em.find(SearchDocument.class, message.id());
            }
            boolean created = document == null;
            if (created) {
                document = new SearchDocument(message.id());
            }
            document.message(conversationId, message.channel(), message.direction(), message.authorName(),
                    text(message), message.occurredAt(), withAttachments.contains(message.id()));
            document.conversation(conversation.subject(), conversation.status(), conversation.priority(),
                    conversation.teamId(), conversation.assigneeId(), tags, slaBreached);
            document.customer(conversation.customerId(), customerName, identities);
            if (created) {
                em.persist(document);
            }
        }
        // messages that left the conversation (moved by a merge, or deleted)
        byId.values().forEach(em::remove);

        SearchConversation row = em.find(SearchConversation.class, conversationId);
        boolean newRow = row == null;
        if (newRow) {
            row = new SearchConversation(conversationId);
        }
        StringBuilder words = new StringBuilder();
        Instant waitingSince = null;
        for (MessageView message : messages) {
            if (words.length() < SearchConversation.MAX_BODY) {
                words.append(text(message)).append('\n');
            }
            if (message.direction() == Direction.INBOUND) {
                waitingSince = waitingSince == null ? message.occurredAt() : waitingSince;
            } else if (message.direction() == Direction.OUTBOUND) {
                waitingSince = null;
            }
        }
        boolean open = conversation.status() == ConversationStatus.OPEN;
        row.update(conversation.customerId(), conversation.channel(), conversation.subject(), words.toString(),
                customerName, identities, tags, conversation.status(), conversation.priority(), conversation.teamId(),
                conversation.assigneeId(), !withAttachments.isEmpty(), slaBreached, conversation.snooze() != null,
                conversation.lastActivityAt(), open ? waitingSince : null);
        if (newRow) {
            em.persist(row);
        }
    }

    private void removeConversationRow(UUID conversationId) {
        SearchConversation row = em.find(SearchConversation.class, conversationId);
        if (row != null) {
            em.remove(row);
        }
    }

    void removeConversation(UUID conversationId) {
        ofConversation(conversationId).forEach(em::remove);
        removeConversationRow(conversationId);
    }

    void removeCustomer(UUID customerId) {
        em.createQuery("select d from SearchDocument d where d.customerId = :customerId", SearchDocument.class)
                .setParameter("customerId", customerId).getResultList().forEach(em::remove);
        em.createQuery("select c from SearchConversation c where c.customerId = :customerId", SearchConversation.class)
                .setParameter("customerId", customerId).getResultList().forEach(em::remove);
    }

    List<UUID> conversationsOfCustomers(Collection<UUID> customerIds) {
        return em.createQuery("select distinct d.conversationId from SearchDocument d where d.customerId in :ids",
                UUID.class).setParameter("ids", customerIds).getResultList();
    }

    private List<SearchDocument> ofConversation(UUID conversationId) {
        return em.createQuery("select d from SearchDocument d where d.conversationId = :conversationId",
                SearchDocument.class).setParameter("conversationId", conversationId).getResultList();
    }

    private boolean breachedNow(UUID conversationId) {
        return sla.state(Viewer.SLA, conversationId).map(s -> !s.breaches().isEmpty()).orElse(false);
    }

    /** The message's words: its text, else the text of its HTML. */
    private static String text(MessageView message) {
        String text = message.text();
        if ((text == null || text.isBlank()) && message.html() != null) {
            text = org.jsoup.Jsoup.parse(message.html()).text();
        }
        return text == null ? "" : text;
    }
}
