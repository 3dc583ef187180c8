package org.parley.realtime;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface NotificationRepository extends JpaRepository<Notification, UUID> {

    @Query("select n from Notification n where n.agentId = :agentId order by n.createdAt desc, n.id desc")
    List<Notification> findLatest(@Param("agentId") UUID agentId, Limit limit);

    @Query("select count(n) from Notification n where n.agentId = :agentId and n.readAt is null")
    long countUnread(@Param("agentId") UUID agentId);

    @Modifying
    @Query("update Notification n set n.readAt = :at where n.agentId = :agentId and n.readAt is null")
    int markAllRead(@Param("agentId") UUID agentId, @Param("at") Instant at);

    /** Erasure: notifications about the customer's conversations quote subjects and notes; their text goes. */
    @Modifying(flushAutomatically = true)
    @Query("""
            update Notification n set n.text = '[erased]' where n.conversationId in
              (select c.id from org.parley.conversation.Conversation c where c.customerId = :customerId)""")
    int eraseAboutCustomer(@Param("customerId") UUID customerId);
}
