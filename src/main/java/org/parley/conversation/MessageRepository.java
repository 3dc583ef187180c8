package org.parley.conversation;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.parley.base.Channel;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface MessageRepository extends JpaRepository<Message, UUID> {

    Optional<Message> findByChannelAndExternalId(Channel channel, String externalId);

    @Query("select m from Message m where m.channel = :channel and m.externalId in :externalIds order by m.occurredAt desc")
    List<Message> findByExternalIds(Channel channel, Collection<String> externalIds, Limit limit);

    @Query("select m from Message m where m.customerId = :customerId order by m.occurredAt, m.id")
    List<Message> findTimeline(UUID customerId);

    /** The newest {@code limit} messages of a customer, newest first (the timeline's last page). */
    @Query("select m from Message m where m.customerId = :customerId order by m.occurredAt desc, m.id desc")
    List<Message> findLatestOfCustomer(UUID customerId, Limit limit);

    @Query("select m from Message m where m.conversationId = :conversationId order by m.occurredAt, m.id")
    List<Message> findByConversation(UUID conversationId);

    @Query("""
            select m from Message m where m.conversationId = :conversationId and m.direction = org.parley.conversation.Direction.INBOUND
            order by m.occurredAt desc, m.id desc""")
    List<Message> findLatestInbound(UUID conversationId, Limit limit);

    long countByCustomerId(UUID customerId);

    @Modifying(flushAutomatically = true)
    @Query("update Message m set m.customerId = :survivorId where m.customerId = :absorbedId")
    int moveToCustomer(UUID absorbedId, UUID survivorId);
}
