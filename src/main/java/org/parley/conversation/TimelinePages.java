package org.parley.conversation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.parley.base.events.CommitCounter;
import org.parley.conversation.ConversationAccess.Viewer;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The newest page of a customer's timeline, read once per node per change and shared by every open screen that
 * shows the customer: twenty agents with the same customer open read it once when a message arrives, not twenty
 * times. What is shared is the customer's newest messages and their conversations' visibility facts; each viewer
 * gets only the messages of the conversations {@link ConversationAccess} lets them see, and a viewer for whom the
 * shared page holds too few of those is read alone, as before.
 *
 * <p>A page is current while no transaction with events committed since it was read ({@link SharedReads}), like
 * {@link QueuePages}. Only customers someone has open are kept, at most {@value #MAX_CUSTOMERS}, and dropped when
 * nobody asked for them for a minute.
 */
@Service
public class TimelinePages {

    static final int MAX_CUSTOMERS = 256;

    private final MessageRepository messages;
    private final ConversationService conversations;
    private final ConversationAccess access;
    private final jakarta.persistence.EntityManager em;
    private final TransactionTemplate readOnly;
    private final SharedReads<UUID, Shared> shared;

    TimelinePages(MessageRepository messages, ConversationService conversations, ConversationAccess access,
            CommitCounter commits, jakarta.persistence.EntityManager em, PlatformTransactionManager transactions) {
        this.messages = messages;
        this.conversations = conversations;
        this.access = access;
        this.em = em;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.shared = new SharedReads<>(commits, MAX_CUSTOMERS, java.time.Duration.ofMinutes(1));
    }

    /** The newest messages of a timeline (oldest first) and how many the viewer may see in all. */
    public record Page(List<MessageView> messages, long total) {
    }

    /**
     * The newest {@code limit} messages of the customer's timeline the viewer may see, oldest first, and the size of
     * that timeline: what {@link ConversationService#latestTimeline} and {@link ConversationService#timelineSize}
     * answer, as of the latest change this node knows of.
     */
    public Page latest(Viewer viewer, UUID customerId, int limit) {
        if (limit <= 0) {
            return new Page(List.of(), conversations.timelineSize(viewer, customerId));
        }
        Shared page = shared(customerId, limit);
        List<MessageView> visible = new ArrayList<>(limit);
        long total = 0;
        Set<UUID> mayRead = new HashSet<>();
        for (ConversationFacts c : page.conversations()) {
            if (access.canSee(viewer, c.teamId(), c.assigneeId())) {
                mayRead.add(c.id());
                total += c.messages();
            }
        }
        for (MessageView m : page.newest()) {
            if (mayRead.contains(m.conversationId())) {
                visible.add(m);
                if (visible.size() == limit) {
                    break;
                }
            }
        }
        if (visible.size() < limit && visible.size() < total) {
            // the shared page ran out before the viewer's did (conversations they may not see hold its newest
            // messages): theirs alone
            return new Page(conversations.latestTimeline(viewer, customerId, limit),
                    conversations.timelineSize(viewer, customerId));
        }
        return new Page(visible.reversed(), total);
    }

    /** How many shared pages were read from the database (for tests: it does not grow with the screens). */
    public long reads() {
        return shared.reads();
    }

    private Shared shared(UUID customerId, int limit) {
        // a transaction (and its connection) only for the read: the screens waiting for it hold none
        return shared.get(customerId, held -> limit <= held.limit(), earlier -> readOnly.execute(status -> {
            int size = earlier == null ? limit : Math.max(limit, earlier.limit());
            return new Shared(size, List.copyOf(messages.findLatestOfCustomer(customerId, Limit.of(size)).stream()
                    .map(MessageView::of).toList()), conversationsOf(customerId));
        }));
    }

    /** The conversations that hold the customer's messages, with what decides who sees them. */
    private List<ConversationFacts> conversationsOf(UUID customerId) {
        return em.createQuery("select c.id, c.teamId, c.assigneeId, count(m) from Message m join Conversation c"
                + " on c.id = m.conversationId where m.customerId = :customerId group by c.id, c.teamId, c.assigneeId",
                Object[].class).setParameter("customerId", customerId).getResultList().stream()
                .map(row -> new ConversationFacts((UUID) row[0], (UUID) row[1], (UUID) row[2], (Long) row[3]))
                .toList();
    }

    private record ConversationFacts(UUID id, UUID teamId, UUID assigneeId, long messages) {
    }

    /** The customer's newest messages (newest first) and all their conversations. */
    private record Shared(int limit, List<MessageView> newest, List<ConversationFacts> conversations) {
    }
}
