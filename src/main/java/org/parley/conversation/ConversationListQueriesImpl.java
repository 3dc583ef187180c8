package org.parley.conversation;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.parley.base.Channel;
import org.parley.base.persistence.ListQuery;

class ConversationListQueriesImpl implements ConversationListQueries {

    @PersistenceContext
    private EntityManager em;

    @Override
    public List<Conversation> findActiveOfCustomers(Collection<UUID> customerIds, Collection<Channel> channels,
            Instant since, int limit) {
        return ListQuery.of(em, Conversation.class, """
                        select c from Conversation c
                        where c.customerId in (:customerIds) and c.channel in (:channels)
                          and c.status in (org.parley.conversation.ConversationStatus.OPEN, org.parley.conversation.ConversationStatus.PENDING)
                          and c.lastActivityAt >= :since
                        order by c.lastActivityAt desc""")
                .list("customerIds", customerIds).list("channels", channels).with("since", since).limit(limit)
                .getResultList();
    }

    @Override
    public List<Conversation> findAllWithTags(Collection<UUID> ids) {
        return ListQuery.of(em, Conversation.class, "select c from Conversation c left join fetch c.tags where c.id in (:ids)")
                .list("ids", ids).getResultList();
    }
}
