package org.parley.conversation;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.parley.base.Channel;
import org.parley.base.persistence.ListQuery;

class MessageListQueriesImpl implements MessageListQueries {

    @PersistenceContext
    private EntityManager em;

    @Override
    public List<Object[]> findKnownByExternalIds(Collection<Channel> channels, Collection<String> externalIds) {
        return ListQuery.of(em, Object[].class, """
                        select m.channel, m.externalId, m.id, m.conversationId, m.customerId, m.occurredAt from Message m
                        where m.channel in (:channels) and m.externalId in (:externalIds)""")
                .list("channels", channels).list("externalIds", externalIds).getResultList();
    }

    @Override
    public List<Message> findByConversations(Collection<UUID> conversationIds) {
        return ListQuery.of(em, Message.class,
                        "select m from Message m where m.conversationId in (:conversationIds) order by m.occurredAt, m.id")
                .list("conversationIds", conversationIds).getResultList();
    }

    @Override
    public List<Message> findLatestInboundOf(Collection<UUID> conversationIds) {
        return ListQuery.of(em, Message.class, """
                        select m from Message m where m.conversationId in (:conversationIds)
                        and m.direction = org.parley.conversation.Direction.INBOUND
                        and m.occurredAt = (select max(l.occurredAt) from Message l where l.conversationId = m.conversationId
                                            and l.direction = org.parley.conversation.Direction.INBOUND)""")
                .list("conversationIds", conversationIds).getResultList();
    }

    @Override
    public List<Message> findAllById(Iterable<UUID> ids) {
        return ListQuery.findAllById(em, Message.class, ids);
    }
}
