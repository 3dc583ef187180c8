package org.parley.search;

import jakarta.persistence.EntityManager;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.search.engine.backend.work.execution.DocumentCommitStrategy;
import org.hibernate.search.engine.backend.work.execution.DocumentRefreshStrategy;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.orm.session.SearchSession;
import org.hibernate.search.mapper.pojo.work.IndexingPlanSynchronizationStrategy;
import org.parley.base.events.DomainEvent;
import org.parley.base.events.EventSubscriber;
import org.parley.conversation.AgentReplied;
import org.parley.conversation.CallLogged;
import org.parley.conversation.ConversationEvent;
import org.parley.conversation.ConversationsMerged;
import org.parley.conversation.ConversationsUnmerged;
import org.parley.conversation.ConversationsPurging;
import org.parley.conversation.DeliveryUpdated;
import org.parley.conversation.MessageReceived;
import org.parley.conversation.NoteAdded;
import org.parley.customer.CustomerChanged;
import org.parley.customer.CustomerErased;
import org.parley.sla.EscalationLevel;
import org.parley.sla.EscalationRaised;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps the search documents in step with the conversations: every committed conversation or customer event
 * (customer merges and their undoing too) brings its conversations' documents up to date in the batch's
 * transaction (so the index follows exactly once, and this is the only writer of documents that exist), an SLA
 * breach marks them, and erasures and retention purges remove them in the very transaction that erases, so
 * nothing erased stays findable. A batch applied while a customer was erased wrote from what it read before; the
 * erasure's {@link CustomerChanged} comes after it and re-syncs whatever documents of the customer it left.
 */
@Component
class SearchIndexer implements EventSubscriber {

    static final String NAME = "search";

    /**
     * Waits until the batch is in the index writer (a failure fails the batch) and neither commits nor reopens a
     * reader: the next search refreshes its reader, the periodic commit writes it to disk. Read-sync reopened the
     * reader after every batch, searched or not.
     */
    private static final IndexingPlanSynchronizationStrategy WRITTEN = context -> {
        context.documentCommitStrategy(DocumentCommitStrategy.NONE);
        context.documentRefreshStrategy(DocumentRefreshStrategy.NONE);
        context.indexingFutureHandler(future -> future.join().throwable().ifPresent(failure -> {
            throw failure instanceof RuntimeException e ? e : new IllegalStateException(failure);
        }));
    };

    private final SearchDocuments documents;
    private final EntityManager em;

    SearchIndexer(SearchDocuments documents, EntityManager em) {
        this.documents = documents;
        this.em = em;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean accepts(Class<? extends DomainEvent> type) {
        return (ConversationEvent.class.isAssignableFrom(type) && type != DeliveryUpdated.class)
                || type == EscalationRaised.class || type == CustomerChanged.class;
    }

    @Override
    public void handle(List<DomainEvent> events) {
        // set before the first change: the transaction's indexing plan keeps the strategy it was made with, and with
        // the default (write-sync) each batch forced a Lucene commit (an fsync) however this was set afterwards
        SearchSession session = Search.session(em);
        session.indexingPlanSynchronizationStrategy(WRITTEN);
        Set<UUID> changed = new LinkedHashSet<>();
        Set<UUID> breached = new LinkedHashSet<>();
        // the messages events only added to a conversation, and the conversations something else changed
        Map<UUID, Set<UUID>> addedMessages = new HashMap<>();
        Set<UUID> changedOtherwise = new HashSet<>();
        Map<UUID, List<UUID>> ofCustomers = documents.conversationsByCustomer(events.stream()
                .filter(CustomerChanged.class::isInstance).map(e -> ((CustomerChanged) e).customerId()).toList());
        for (DomainEvent event : events) {
            if (event instanceof ConversationsMerged m) {
                changed.addAll(List.of(m.survivorId(), m.absorbedId()));
                changedOtherwise.addAll(List.of(m.survivorId(), m.absorbedId()));
            } else if (event instanceof ConversationsUnmerged u) {
                changed.addAll(List.of(u.survivorId(), u.absorbedId()));
                changedOtherwise.addAll(List.of(u.survivorId(), u.absorbedId()));
            } else if (event instanceof ConversationEvent e) {
                changed.add(e.conversationId());
                UUID added = addedMessage(e);
                if (added != null) {
                    addedMessages.computeIfAbsent(e.conversationId(), id -> new LinkedHashSet<>()).add(added);
                } else {
                    changedOtherwise.add(e.conversationId());
                }
            } else if (event instanceof CustomerChanged c) {
                changed.addAll(ofCustomers.getOrDefault(c.customerId(), List.of()));
                changedOtherwise.addAll(ofCustomers.getOrDefault(c.customerId(), List.of()));
            } else if (event instanceof EscalationRaised e && e.level() != EscalationLevel.WARNING) {
                breached.add(e.conversationId());
                changed.add(e.conversationId());
            }
        }
        addedMessages.keySet().removeAll(changedOtherwise);
        // the handout's conversations together: a few queries for all of them, then the writes
        documents.sync(changed, breached, addedMessages);
        // index now, not after the commit: once the spine shows these events applied, a search finds them (the
        // rows only mirror committed data, so a batch that still fails to commit leaves nothing untrue behind).
        // Found by the next search (its reader is refreshed when the index changed, io.refresh_interval 0), written
        // to disk by the next periodic Lucene commit (io.commit_interval, 1 s) instead of one fsync per batch (that
        // doubled the lag's p95); documents a crash lost are indexed again at start (SearchIndexAdmin compares counts).
        em.flush();
        session.indexingPlan().execute();
    }

    /** The message an event only added to an existing conversation, else null. */
    private static UUID addedMessage(ConversationEvent event) {
        return switch (event) {
            case MessageReceived m when !m.newConversation() && !m.reopened() -> m.messageId();
            case AgentReplied r -> r.messageId();
            case NoteAdded n -> n.messageId();
            case CallLogged c when !c.newConversation() -> c.messageId();
            default -> null;
        };
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(CustomerErased erased) {
        documents.removeCustomer(erased.customerId());
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(ConversationsPurging purging) {
        purging.conversationIds().forEach(documents::removeConversation);
    }
}
