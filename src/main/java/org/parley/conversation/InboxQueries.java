package org.parley.conversation;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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

    /** Up to {@code limit} rows of the queue after {@code after} (null: from the newest). */
    public List<InboxRow> page(Queue queue, UUID agentId, PageCursor after, int limit) {
        StringBuilder jpql = new StringBuilder("select c from Conversation c where ").append(filter(queue));
        if (after != null) {
            jpql.append(" and (c.lastActivityAt < :at or (c.lastActivityAt = :at and c.id < :id))");
        }
        jpql.append(" order by c.lastActivityAt desc, c.id desc");
        TypedQuery<Conversation> query = em.createQuery(jpql.toString(), Conversation.class);
        bind(query, queue, agentId);
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
    public List<InboxRow> pageAtOffset(Queue queue, UUID agentId, int offset, int limit) {
        TypedQuery<Conversation> query = em.createQuery("select c from Conversation c where " + filter(queue)
                + " order by c.lastActivityAt desc, c.id desc", Conversation.class);
        bind(query, queue, agentId);
        return toRows(query.setFirstResult(offset).setMaxResults(limit).getResultList());
    }

    public long count(Queue queue, UUID agentId) {
        TypedQuery<Long> query = em.createQuery("select count(c) from Conversation c where " + filter(queue),
                Long.class);
        bind(query, queue, agentId);
        return query.getSingleResult();
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

    private static void bind(TypedQuery<?> query, Queue queue, UUID agentId) {
        switch (queue.kind()) {
            case MINE -> query.setParameter("agentId", agentId);
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
