package org.parley.conversation;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.parley.base.persistence.ListQuery;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.customer.CustomerDirectory;
import org.parley.team.TeamDirectory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queue pages, newest activity first, keyset-paged: a page starts after the last row of the one
 * before, so page 1,000 costs what page 1 costs (indexes lead with the queue's filter columns and
 * end with {@code last_activity_at, id}).
 */
@Service
@Transactional(readOnly = true)
public class InboxQueries {

    private static final String ACTIVE = "c.status in (org.parley.conversation.ConversationStatus.OPEN, "
            + "org.parley.conversation.ConversationStatus.PENDING)";
    /** Waiting on us: open, and the customer had the last word (indexed with the assignee and with the team). */
    private static final String NEEDS_REPLY = "c.awaitingReply = true and c.status = "
            + "org.parley.conversation.ConversationStatus.OPEN";
    /** Out of the queues until it wakes (on time or on the customer's reply); the flag ends each queue index. */
    private static final String AWAKE = " and c.snoozed = false";
    private static final String SNOOZED = " and c.snoozed = true";
    /** Merged conversations are closed pointers: in no queue. */
    private static final String SETTLED = "c.status in (org.parley.conversation.ConversationStatus.RESOLVED, "
            + "org.parley.conversation.ConversationStatus.CLOSED) and c.mergedInto is null";

    private final EntityManager em;
    private final CustomerDirectory customers;
    private final TeamDirectory team;

    InboxQueries(EntityManager em, CustomerDirectory customers, TeamDirectory team) {
        this.em = em;
        this.customers = customers;
        this.team = team;
    }

    /**
     * Up to {@code limit} rows of the queue after {@code after} (null: from the newest) that the viewer may
     * see: the visibility rule is part of the query, so pages and counts agree and paging stays keyset.
     */
    public List<InboxRow> page(Viewer viewer, Queue queue, PageCursor after, int limit) {
        return page(viewer, queue, null, after, limit);
    }

    /**
     * Like {@link #page(Viewer, Queue, PageCursor, int)}, only conversations of these customers (null: of every
     * customer), e.g. those a search in the list found.
     */
    public List<InboxRow> page(Viewer viewer, Queue queue, Collection<UUID> customerIds, PageCursor after, int limit) {
        if (customerIds != null && customerIds.isEmpty()) {
            return List.of();
        }
        StringBuilder jpql = new StringBuilder("select c from Conversation c where ")
                .append(where(queue, viewer, customerIds));
        if (after != null) {
            jpql.append(" and (c.lastActivityAt < :at or (c.lastActivityAt = :at and c.id < :id))");
        }
        jpql.append(" order by c.lastActivityAt desc, c.id desc");
        TypedQuery<Conversation> query = em.createQuery(jpql.toString(), Conversation.class);
        bind(query, queue, viewer, customerIds);
        if (after != null) {
            query.setParameter("at", after.lastActivityAt()).setParameter("id", after.id());
        }
        List<Conversation> rows = query.setMaxResults(limit).getResultList();
        return toRows(rows);
    }

    /**
     * Rows from position {@code offset}: for list components that ask by offset. Only when no
     * cursor is known for that offset does the database skip rows.
     */
    public List<InboxRow> pageAtOffset(Viewer viewer, Queue queue, int offset, int limit) {
        return pageAtOffset(viewer, queue, null, offset, limit);
    }

    /** Rows from position {@code offset}, only conversations of these customers (null: of every customer). */
    public List<InboxRow> pageAtOffset(Viewer viewer, Queue queue, Collection<UUID> customerIds, int offset,
            int limit) {
        if (customerIds != null && customerIds.isEmpty()) {
            return List.of();
        }
        TypedQuery<Conversation> query = em.createQuery("select c from Conversation c where "
                + where(queue, viewer, customerIds) + " order by c.lastActivityAt desc, c.id desc", Conversation.class);
        bind(query, queue, viewer, customerIds);
        return toRows(query.setFirstResult(offset).setMaxResults(limit).getResultList());
    }

    /** How many conversations of the queue the viewer may see. */
    public long count(Viewer viewer, Queue queue) {
        return count(viewer, queue, null);
    }

    /** How many conversations of these customers (null: of every customer) the queue holds for the viewer. */
    public long count(Viewer viewer, Queue queue, Collection<UUID> customerIds) {
        if (customerIds != null && customerIds.isEmpty()) {
            return 0;
        }
        TypedQuery<Long> query = em.createQuery("select count(c) from Conversation c where "
                + where(queue, viewer, customerIds), Long.class);
        bind(query, queue, viewer, customerIds);
        return query.getSingleResult();
    }

    /**
     * The list lines of these conversations that the viewer may see, in the order given (e.g. a saved view's page,
     * ordered by the search index).
     */
    public List<InboxRow> rows(Viewer viewer, List<UUID> conversationIds) {
        if (conversationIds.isEmpty()) {
            return List.of();
        }
        TypedQuery<Conversation> query = em.createQuery("select c from Conversation c where c.id in "
                + ListQuery.parameters("ids", conversationIds) + ConversationAccess.jpql(viewer, "c"), Conversation.class);
        ListQuery.bind(query, "ids", conversationIds);
        ConversationAccess.bind(query, viewer);
        Map<UUID, InboxRow> byId = new java.util.HashMap<>();
        toRows(query.getResultList()).forEach(r -> byId.put(r.conversationId(), r));
        return conversationIds.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    /** The list line of one conversation the viewer may see (e.g. to redraw it after it was read). */
    public java.util.Optional<InboxRow> row(Viewer viewer, UUID conversationId) {
        TypedQuery<Conversation> query = em.createQuery("select c from Conversation c where c.id = :conversationId"
                + ConversationAccess.jpql(viewer, "c"), Conversation.class);
        query.setParameter("conversationId", conversationId);
        ConversationAccess.bind(query, viewer);
        return toRows(query.getResultList()).stream().findFirst();
    }

    /**
     * The whole queue regardless of visibility, as agent {@code agentId}'s (their MINE; null: nobody's), for
     * Parley's own work (routing samples, agent load): a person's viewer is refused.
     */
    public List<InboxRow> wholeQueue(Viewer viewer, Queue queue, UUID agentId, PageCursor after, int limit) {
        return page(everything(viewer, agentId), queue, after, limit);
    }

    /** The whole queue regardless of visibility from position {@code offset}, for Parley's own work only. */
    public List<InboxRow> wholeQueueAtOffset(Viewer viewer, Queue queue, UUID agentId, int offset, int limit) {
        return pageAtOffset(everything(viewer, agentId), queue, offset, limit);
    }

    /** The size of the whole queue regardless of visibility, for Parley's own work only (agent load). */
    public long wholeQueueCount(Viewer viewer, Queue queue, UUID agentId) {
        return count(everything(viewer, agentId), queue);
    }

    private static Viewer everything(Viewer viewer, UUID agentId) {
        viewer.requireParley("read a whole queue regardless of visibility");
        return new Viewer(agentId, true, Set.of(), Set.of(), viewer.origin());
    }

    private static String where(Queue queue, Viewer viewer, Collection<UUID> customerIds) {
        // MINE and NEEDS_MY_REPLY are the viewer's own assignments: visible by definition
        String where = queue.ownOnly() ? filter(queue) : filter(queue) + ConversationAccess.jpql(viewer, "c");
        return customerIds == null ? where : where + " and c.customerId in " + ListQuery.parameters("customerIds", customerIds);
    }

    private static String filter(Queue queue) {
        return switch (queue.kind()) {
            case MINE -> ACTIVE + AWAKE + " and c.assigneeId = :agentId";
            case UNASSIGNED -> ACTIVE + AWAKE + " and c.assigneeId is null";
            case TEAM -> ACTIVE + AWAKE + " and c.teamId = :teamId";
            case ALL_OPEN -> ACTIVE + AWAKE;
            case RESOLVED -> SETTLED;
            case NEEDS_MY_REPLY -> NEEDS_REPLY + AWAKE + " and c.assigneeId = :agentId";
            case TEAM_NEEDS_REPLY -> NEEDS_REPLY + AWAKE + " and c.teamId = :teamId";
            case SNOOZED -> ACTIVE + SNOOZED;
        };
    }

    private static void bind(TypedQuery<?> query, Queue queue, Viewer viewer, Collection<UUID> customerIds) {
        if (customerIds != null) {
            ListQuery.bind(query, "customerIds", customerIds);
        }
        if (!queue.ownOnly()) {
            ConversationAccess.bind(query, viewer);
        }
        switch (queue.kind()) {
            case MINE, NEEDS_MY_REPLY -> query.setParameter("agentId", viewer.agentId());
            case TEAM, TEAM_NEEDS_REPLY -> query.setParameter("teamId", queue.teamId());
            default -> {
            }
        }
    }

    private List<InboxRow> toRows(List<Conversation> conversations) {
        Set<UUID> customerIds = new HashSet<>();
        Set<UUID> agentIds = new HashSet<>();
        for (Conversation c : conversations) {
            customerIds.add(c.getCustomerId());
            if (c.getAssigneeId() != null) {
                agentIds.add(c.getAssigneeId());
            }
        }
        Map<UUID, String> customerNames = customers.names(customerIds);
        Map<UUID, String> agentNames = agentIds.isEmpty() ? Map.of() : team.agentNames(agentIds);
        List<InboxRow> rows = new ArrayList<>(conversations.size());
        for (Conversation c : conversations) {
            rows.add(new InboxRow(c.getId(), c.getCustomerId(), customerNames.getOrDefault(c.getCustomerId(), "?"),
                    c.getChannel(), c.getSubject(), c.getSnippet(), c.getStatus(), c.getPriority(), c.getAssigneeId(),
                    c.getAssigneeId() == null ? null : agentNames.get(c.getAssigneeId()), c.getLastActivityAt(),
                    c.isUnread(), c.needsReply(), c.getSnooze() == null ? null : c.getSnooze().until(),
                    c.getSnooze() != null && c.getSnooze().untilReply(), c.getVersion()));
        }
        return rows;
    }
}
