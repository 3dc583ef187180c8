package org.parley.search;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.parley.base.persistence.ListQuery;
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
 * Writes the search documents of conversations from their current state: the caller's transaction commits
 * them, and Hibernate Search indexes what changed (an unchanged row is not re-indexed).
 */
@Component
class SearchDocuments {

    /** Ids per {@code in (...)} of message ids (a rebuild syncs many conversations at once). */
    private static final int MAX_IN = 1000;

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
        sync(List.of(conversationId), breached ? Set.of(conversationId) : Set.of());
    }

    /**
     * Brings the documents of these conversations up to date, with the same result as syncing them one by one in
     * this order: everything they need is read first, in a few queries for all of them, and only then written
     * (so no query pays a flush of the writes before it).
     *
     * @param breached those of the conversations of which an SLA target was just breached
     */
    void sync(Collection<UUID> conversationIds, Set<UUID> breached) {
        sync(conversationIds, breached, Map.of());
    }

    /**
     * As {@link #sync(Collection, Set)}; of a conversation in {@code onlyNewMessages} nothing changed but these
     * messages were added (the ids of its events): when its row shows the conversation as it is and the messages
     * come after every message it has documents of, only their documents are written and the row extended, without
     * reading the conversation's other messages and documents again. Any other case is synced whole.
     */
    void sync(Collection<UUID> conversationIds, Set<UUID> breached, Map<UUID, Set<UUID>> onlyNewMessages) {
        List<UUID> ids = List.copyOf(new LinkedHashSet<>(conversationIds));
        if (ids.isEmpty()) {
            return;
        }
        // reads
        Map<UUID, ConversationView> found = new HashMap<>();
        conversations.findAll(Viewer.SYSTEM, ids).forEach(c -> found.put(c.id(), c));
        Map<UUID, SearchConversation> rows = new HashMap<>();
        ListQuery.of(em, SearchConversation.class, "select c from SearchConversation c where c.id in (:ids)")
                .list("ids", ids).getResultList().forEach(row -> rows.put(row.getId(), row));
        Map<UUID, List<MessageView>> appended = appendable(onlyNewMessages, found, rows, breached);
        // gone, or merged into another conversation (a pointer: its messages are the survivor's now)
        List<ConversationView> live = ids.stream().filter(id -> !appended.containsKey(id)).map(found::get)
                .filter(c -> c != null && !c.isMerged()).toList();
        List<UUID> wholeIds = ids.stream().filter(id -> !appended.containsKey(id)).toList();
        Map<UUID, List<MessageView>> messages = live.isEmpty() ? Map.of()
                : conversations.messagesOf(Viewer.SYSTEM, live.stream().map(ConversationView::id).toList());
        List<UUID> messageIds = live.stream().flatMap(c -> messagesOf(messages, c.id()).stream())
                .map(MessageView::id).toList();
        List<SearchDocument> stored = wholeIds.isEmpty() ? List.of() : ListQuery.of(em, SearchDocument.class,
                "select d from SearchDocument d where d.conversationId in (:ids)").list("ids", wholeIds).getResultList();
        Map<UUID, SearchDocument> documents = new HashMap<>();
        Map<UUID, List<SearchDocument>> storedOf = new HashMap<>();
        for (SearchDocument d : stored) {
            documents.put(d.getId(), d);
            storedOf.computeIfAbsent(d.getConversationId(), id -> new ArrayList<>()).add(d);
        }
        // messages another conversation held until a merge moved them here
        List<UUID> elsewhere = messageIds.stream().filter(id -> !documents.containsKey(id)).toList();
        for (List<UUID> chunk : chunks(elsewhere)) {
            ListQuery.of(em, SearchDocument.class, "select d from SearchDocument d where d.id in (:ids)")
                    .list("ids", chunk).getResultList().forEach(d -> documents.put(d.getId(), d));
        }
        Set<UUID> withAttachments = new HashSet<>();
        List<UUID> attachable = new ArrayList<>(messageIds);
        appended.values().forEach(added -> added.forEach(m -> attachable.add(m.id())));
        for (List<UUID> chunk : chunks(attachable)) {
            attachments.of(chunk).forEach((messageId, files) -> {
                if (!files.isEmpty()) {
                    withAttachments.add(messageId);
                }
            });
        }
        Map<UUID, CustomerProfile> customerOf = live.isEmpty() ? Map.of()
                : customers.findAll(live.stream().map(ConversationView::customerId).collect(Collectors.toSet()));

        // One by one, a conversation found the documents of its messages wherever they were (moving those of
        // messages it gained) and saw as its own the stored ones no conversation before it had taken: the same here.
        Map<UUID, Integer> takenAt = new HashMap<>();
        for (int i = 0; i < live.size(); i++) {
            for (MessageView message : messagesOf(messages, live.get(i).id())) {
                takenAt.putIfAbsent(message.id(), i);
            }
        }
        Map<UUID, List<SearchDocument>> existing = new HashMap<>();
        for (int i = 0; i < live.size(); i++) {
            int turn = i;
            existing.put(live.get(i).id(), storedOf.getOrDefault(live.get(i).id(), List.of()).stream()
                    .filter(d -> takenAt.getOrDefault(d.getId(), turn) >= turn).toList());
        }
        Set<UUID> askSla = live.stream().map(ConversationView::id)
                .filter(id -> !breached.contains(id) && existing.get(id).isEmpty()).collect(Collectors.toSet());
        Set<UUID> breachedNow = askSla.isEmpty() ? Set.of() : sla.breached(Viewer.SLA, askSla);

        // writes
        appended.forEach((conversationId, added) -> append(found.get(conversationId), rows.get(conversationId), added,
                withAttachments));
        for (ConversationView conversation : live) {
            UUID conversationId = conversation.id();
            List<MessageView> ofConversation = messagesOf(messages, conversationId);
            List<SearchDocument> before = existing.get(conversationId);
            boolean slaBreached = breached.contains(conversationId) || before.stream()
                    .anyMatch(SearchDocument::isSlaBreached) || (before.isEmpty() && breachedNow.contains(conversationId));
            CustomerProfile customer = customerOf.get(conversation.customerId());
            String customerName = customer == null ? null : customer.displayName();
            String identities = customer == null ? "" : customer.identities().stream()
                    .flatMap(i -> java.util.stream.Stream.of(i.value(), i.displayValue()))
                    .filter(v -> v != null && !v.isBlank())
                    .map(v -> v.strip().toLowerCase(Locale.ROOT).replace(' ', '_'))
                    .distinct().collect(Collectors.joining(" "));
            String tags = tags(conversation);
            boolean hasAttachment = false;
            for (MessageView message : ofConversation) {
                SearchDocument document = documents.get(message.id());
                boolean created = document == null;
                if (created) {
                    document = new SearchDocument(message.id());
                    documents.put(message.id(), document);
                }
                boolean attached = withAttachments.contains(message.id());
                hasAttachment |= attached;
                document.message(conversationId, message.channel(), message.direction(), message.authorName(),
                        text(message), message.occurredAt(), attached);
                document.conversation(conversation.subject(), conversation.status(), conversation.priority(),
                        conversation.teamId(), conversation.assigneeId(), tags, slaBreached);
                document.customer(conversation.customerId(), customerName, identities);
                if (created) {
                    em.persist(document);
                }
            }

            SearchConversation row = rows.get(conversationId);
            boolean newRow = row == null;
            if (newRow) {
                row = new SearchConversation(conversationId);
            }
            StringBuilder words = new StringBuilder();
            Instant waitingSince = null;
            for (MessageView message : ofConversation) {
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
                    customerName, identities, tags, conversation.status(), conversation.priority(),
                    conversation.teamId(), conversation.assigneeId(), hasAttachment, slaBreached,
                    conversation.snooze() != null, conversation.lastActivityAt(), open ? waitingSince : null);
            if (newRow) {
                em.persist(row);
            }
        }
        // documents of messages that left their conversation (moved by a merge, or deleted) or of a conversation
        // that is gone or merged, unless a conversation here holds their message now
        for (SearchDocument d : stored) {
            if (!takenAt.containsKey(d.getId())) {
                em.remove(d);
            }
        }
        for (UUID id : ids) {
            ConversationView c = found.get(id);
            SearchConversation row = rows.get(id);
            if ((c == null || c.isMerged()) && row != null) {
                em.remove(row);
            }
        }
    }

    /**
     * Of the conversations to which only messages were added, those that can be brought up to date by adding them,
     * with the messages in order: the row shows the conversation as it is now (nothing the documents repeat changed
     * since it was written), no SLA breach to mark, none of the messages has a document yet and they come after
     * every message that has one. Reads only the new messages and, per conversation, the time of its last document.
     */
    private Map<UUID, List<MessageView>> appendable(Map<UUID, Set<UUID>> onlyNewMessages,
            Map<UUID, ConversationView> found, Map<UUID, SearchConversation> rows, Set<UUID> breached) {
        List<UUID> candidates = new ArrayList<>();
        onlyNewMessages.forEach((conversationId, messageIds) -> {
            ConversationView c = found.get(conversationId);
            SearchConversation row = rows.get(conversationId);
            if (c != null && !c.isMerged() && row != null && !messageIds.isEmpty() && !breached.contains(conversationId)
                    && row.shows(c.customerId(), c.channel(), c.subject(), tags(c), c.status(), c.priority(),
                    c.teamId(), c.assigneeId(), c.snooze() != null)) {
                candidates.add(conversationId);
            }
        });
        if (candidates.isEmpty()) {
            return Map.of();
        }
        List<UUID> newIds = candidates.stream().flatMap(id -> onlyNewMessages.get(id).stream()).toList();
        Map<UUID, List<MessageView>> added = new HashMap<>();
        for (MessageView m : conversations.messagesById(Viewer.SYSTEM, newIds)) {
            added.computeIfAbsent(m.conversationId(), id -> new ArrayList<>()).add(m);
        }
        // per conversation: its last documents (all of the last instant: a database may keep whole seconds), and any
        // new message that has one already (a message only ever has its document elsewhere after a merge, and a
        // merged conversation is synced whole)
        Map<UUID, List<Object[]>> lastDocuments = new HashMap<>();
        Set<UUID> documentedAlready = new HashSet<>();
        Set<UUID> addedIds = Set.copyOf(newIds);
        ListQuery.of(em, Object[].class, "select d.conversationId, d.id, d.occurredAt from SearchDocument d"
                        + " where d.conversationId in (:ids) and (d.id in (:added) or d.occurredAt = (select max(e.occurredAt)"
                        + " from SearchDocument e where e.conversationId = d.conversationId))")
                .list("ids", candidates).list("added", newIds).getResultList().forEach(r -> {
                    if (addedIds.contains((UUID) r[1])) {
                        documentedAlready.add((UUID) r[0]);
                    } else {
                        lastDocuments.computeIfAbsent((UUID) r[0], id -> new ArrayList<>()).add(r);
                    }
                });
        Map<UUID, List<MessageView>> appendable = new HashMap<>();
        for (UUID conversationId : candidates) {
            List<MessageView> messages = new ArrayList<>(added.getOrDefault(conversationId, List.of()));
            messages.sort(Comparator.comparing(MessageView::occurredAt)
                    .thenComparing(MessageView::id, SearchDocuments::inStoredOrder));
            List<Object[]> last = lastDocuments.get(conversationId);
            boolean allHere = messages.size() == onlyNewMessages.get(conversationId).size();
            if (allHere && last != null && !documentedAlready.contains(conversationId)
                    && last.stream().allMatch(d -> comesAfter(messages.getFirst(), (Instant) d[2], (UUID) d[1]))) {
                appendable.put(conversationId, List.copyOf(messages));
            }
        }
        return appendable;
    }

    /** Whether the message comes after a document of this time and id in the order of a conversation's messages. */
    private static boolean comesAfter(MessageView message, Instant occurredAt, UUID id) {
        int byTime = message.occurredAt().compareTo(occurredAt);
        return byTime > 0 || (byTime == 0 && inStoredOrder(message.id(), id) > 0);
    }

    /** Ids as the database orders them: their 16 bytes, unsigned (not {@link UUID#compareTo}, which is signed). */
    private static int inStoredOrder(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    /** The documents of messages added to a conversation, and its row extended by them. */
    private void append(ConversationView conversation, SearchConversation row, List<MessageView> added,
            Set<UUID> withAttachments) {
        for (MessageView message : added) {
            boolean attached = withAttachments.contains(message.id());
            SearchDocument document = new SearchDocument(message.id());
            document.message(conversation.id(), message.channel(), message.direction(), message.authorName(),
                    text(message), message.occurredAt(), attached);
            document.conversation(conversation.subject(), conversation.status(), conversation.priority(),
                    conversation.teamId(), conversation.assigneeId(), tags(conversation), row.isSlaBreached());
            document.customer(conversation.customerId(), row.getCustomerName(), row.getIdentities());
            em.persist(document);
            row.append(text(message), message.direction(), message.occurredAt(), attached,
                    conversation.lastActivityAt());
        }
    }

    private static String tags(ConversationView conversation) {
        return conversation.tags().stream().map(t -> t.toLowerCase(Locale.ROOT).replace(' ', '_'))
                .collect(Collectors.joining(" "));
    }

    private static List<MessageView> messagesOf(Map<UUID, List<MessageView>> messages, UUID conversationId) {
        return messages.getOrDefault(conversationId, List.of());
    }

    /** A long list of ids in parts, each short enough for one {@code in (...)}. */
    private static List<List<UUID>> chunks(List<UUID> ids) {
        List<List<UUID>> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += MAX_IN) {
            chunks.add(ids.subList(from, Math.min(ids.size(), from + MAX_IN)));
        }
        return chunks;
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

    /** The conversations with documents of each of these customers (none asked: no query). */
    Map<UUID, List<UUID>> conversationsByCustomer(Collection<UUID> customerIds) {
        if (customerIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, List<UUID>> byCustomer = new HashMap<>();
        ListQuery.of(em, Object[].class, "select distinct d.customerId, d.conversationId from SearchDocument d"
                        + " where d.customerId in (:ids)").list("ids", customerIds).getResultList()
                .forEach(r -> byCustomer.computeIfAbsent((UUID) r[0], id -> new ArrayList<>()).add((UUID) r[1]));
        return byCustomer;
    }

    private List<SearchDocument> ofConversation(UUID conversationId) {
        return em.createQuery("select d from SearchDocument d where d.conversationId = :conversationId",
                SearchDocument.class).setParameter("conversationId", conversationId).getResultList();
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
