package org.parley.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface WebhookDeliveryRepository extends JpaRepository<WebhookDelivery, UUID> {

    @Query("select d from WebhookDelivery d where d.status = org.parley.webhook.WebhookDelivery.Status.PENDING"
            + " and d.nextAttemptAt <= :now order by d.nextAttemptAt")
    List<WebhookDelivery> due(Instant now, Limit limit);

    List<WebhookDelivery> findBySubscriptionIdOrderByCreatedAtDesc(UUID subscriptionId, Limit limit);

    @Modifying
    @Query("delete from WebhookDelivery d where d.subscriptionId = :subscriptionId")
    void deleteBySubscription(UUID subscriptionId);
}
