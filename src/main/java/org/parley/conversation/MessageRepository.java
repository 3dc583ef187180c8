package org.parley.conversation;

import jakarta.persistence.LockModeType;
import jakarta.persistence.QueryHint;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.parley.base.Channel;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.QueryHints;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface MessageRepository extends JpaRepository<Message, UUID>, MessageListQueries {

    Optional<Message> findByChannelAndExternalId(Channel channel, String externalId);

    /** The conversations of the messages with these external ids, newest message first (ids, not the messages). */
    @Query("select m.conversationId from Message m where m.channel = :channel and m.externalId in :externalIds"
            + " order by m.occurredAt desc")
    List<UUID> findConversationIdsByExternalIds(Channel channel, Collection<String> externalIds, Limit limit);

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

    /** When the customer last wrote on the channel, up to {@code until} (WhatsApp's customer-service window). */
    @Query("""
            select max(m.occurredAt) from Message m where m.customerId = :customerId and m.channel = :channel
            and m.direction = org.parley.conversation.Direction.INBOUND and m.occurredAt <= :until""")
    Instant latestInboundAt(UUID customerId, Channel channel, Instant until);

    /** Outbox: due QUEUED messages, locked; rows another dispatcher holds are skipped (SKIP LOCKED where supported). */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @QueryHints(@QueryHint(name = "jakarta.persistence.lock.timeout", value = "-2"))
    @Query("""
            select m from Message m where m.deliveryStatus = org.parley.conversation.DeliveryStatus.QUEUED
            and m.nextAttemptAt <= :now order by m.nextAttemptAt""")
    List<Message> lockDueDeliveries(Instant now, Limit limit);

    /** External ids of a conversation's messages on one channel, oldest first (email References). */
    @Query("""
            select m.externalId from Message m where m.conversationId = :conversationId and m.channel = :channel
            and m.externalId is not null order by m.occurredAt, m.id""")
    List<String> threadExternalIds(UUID conversationId, Channel channel);

    @Query("""
            select m from Message m where m.channel = :channel and m.providerMessageId in :ids
            and m.direction = org.parley.conversation.Direction.OUTBOUND""")
    List<Message> findOutboundByProviderIds(Channel channel, Collection<String> ids);

    @Modifying(flushAutomatically = true)
    @Query("update Message m set m.customerId = :survivorId where m.customerId = :absorbedId")
    int moveToCustomer(UUID absorbedId, UUID survivorId);

    @Modifying(flushAutomatically = true)
    @Query("update Message m set m.customerId = :to where m.conversationId in :ids and m.customerId = :from")
    int moveBack(Collection<UUID> ids, UUID from, UUID to);
}
