package org.parley.conversation;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
    private static final String SETTLED = "c.status in (org.parley.conversation.ConversationStatus.RESOLVED, "
            + "org.parley.conversation.ConversationStatus.CLOSED)";

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
    public List<InboxRow> page(Queue queue, Viewer viewer, PageCursor after, int limit) {
        StringBuilder jpql = new StringBuilder("select c from Conversation c where ").append(where(queue, viewer));
        if (after != null) {
            jpql.append(" and (c.lastActivityAt < :at or (c.lastActivityAt = :at and c.id < :id))");
        }
        jpql.append(" order by c.lastActivityAt desc, c.id desc");
        TypedQuery<Conversation> query = em.createQuery(jpql.toString(), Conversation.class);
        bind(query, queue, viewer);
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
    public List<InboxRow> pageAtOffset(Queue queue, Viewer viewer, int offset, int limit) {
        TypedQuery<Conversation> query = em.createQuery("select c from Conversation c where " + where(queue, viewer)
                + " order by c.lastActivityAt desc, c.id desc", Conversation.class);
        bind(query, queue, viewer);
        return toRows(query.setFirstResult(offset).setMaxResults(limit).getResultList());
    }

    /** How many conversations of the queue the viewer may see. */
    public long count(Queue queue, Viewer viewer) {
        TypedQuery<Long> query = em.createQuery("select count(c) from Conversation c where " + where(queue, viewer),
                Long.class);
        bind(query, queue, viewer);
        return query.getSingleResult();
    }

    /** The whole queue regardless of visibility, for Parley's own work (routing samples, agent load). */
    public List<InboxRow> page(Queue queue, UUID agentId, PageCursor after, int limit) {
        return page(queue, everything(agentId), after, limit);
    }

    /** The whole queue regardless of visibility, for Parley's own work. */
    public List<InboxRow> pageAtOffset(Queue queue, UUID agentId, int offset, int limit) {
        return pageAtOffset(queue, everything(agentId), offset, limit);
    }

    /** The size of the whole queue regardless of visibility, for Parley's own work (agent load). */
    public long count(Queue queue, UUID agentId) {
        return count(queue, everything(agentId));
    }

    private static Viewer everything(UUID agentId) {
        return new Viewer(agentId, true, Set.of());
    }

    private static String where(Queue queue, Viewer viewer) {
        // MINE is the viewer's own assignments: visible by definition
        return queue.kind() == Queue.Kind.MINE ? filter(queue) : filter(queue) + ConversationAccess.jpql(viewer, "c");
    }

    private static String filter(Queue queue) {
        return switch (queue.kind()) {
            case MINE -> ACTIVE + " and c.assigneeId = :agentId";
            case UNASSIGNED -> ACTIVE + " and c.assigneeId is null";
            case TEAM -> ACTIVE + " and c.teamId = :teamId";
            case ALL_OPEN -> ACTIVE;
            case RESOLVED -> SETTLED;
        };
    }

    private static void bind(TypedQuery<?> query, Queue queue, Viewer viewer) {
        if (queue.kind() != Queue.Kind.MINE) {
            ConversationAccess.bind(query, viewer);
        }
        switch (queue.kind()) {
            case MINE -> query.setParameter("agentId", viewer.agentId());
            case TEAM -> query.setParameter("teamId", queue.teamId());
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
                    c.getAssigneeId() == null ? null : agentNames.get(c.getAssigneeId()), c.getLastActivityAt()));
        }
        return rows;
    }
}
