package org.parley.conversation;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.parley.base.Channel;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface ConversationRepository extends JpaRepository<Conversation, UUID>, ConversationListQueries {

    @Query("""
            select c from Conversation c
            where c.channel = :channel and c.threadKey = :threadKey and c.status <> org.parley.conversation.ConversationStatus.CLOSED
            order by c.lastActivityAt desc""")
    List<Conversation> findByThreadKey(Channel channel, String threadKey, Limit limit);

    /** Conversations of this thread key that were merged into another one (their thread leads there now). */
    @Query("""
            select c from Conversation c
            where c.channel = :channel and c.threadKey = :threadKey and c.mergedInto is not null
            order by c.lastActivityAt desc""")
    List<Conversation> findMergedByThreadKey(Channel channel, String threadKey, Limit limit);

    @Query("""
            select c from Conversation c
            where c.customerId = :customerId and c.channel = :channel
              and c.status in (org.parley.conversation.ConversationStatus.OPEN, org.parley.conversation.ConversationStatus.PENDING)
              and c.lastActivityAt >= :since
            order by c.lastActivityAt desc""")
    List<Conversation> findActiveOfCustomer(UUID customerId, Channel channel, Instant since, Limit limit);

    List<Conversation> findByCustomerIdOrderByLastActivityAtDesc(UUID customerId);

    long countByCustomerId(UUID customerId);

    @Query("select c from Conversation c left join fetch c.tags where c.id = :id")
    Optional<Conversation> findWithTags(UUID id);

    @Modifying(flushAutomatically = true)
    @Query("update Conversation c set c.customerId = :survivorId where c.customerId = :absorbedId")
    int moveToCustomer(UUID absorbedId, UUID survivorId);

    @Query("select c.id from Conversation c where c.customerId = :customerId")
    List<UUID> idsOfCustomer(UUID customerId);

    @Modifying(flushAutomatically = true)
    @Query("update Conversation c set c.customerId = :to where c.id in :ids and c.customerId = :from")
    int moveBack(Collection<UUID> ids, UUID from, UUID to);
}
