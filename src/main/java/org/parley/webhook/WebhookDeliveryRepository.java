package org.parley.webhook;

import jakarta.persistence.LockModeType;
import jakarta.persistence.QueryHint;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;

interface WebhookDeliveryRepository extends JpaRepository<WebhookDelivery, UUID> {

    /** Due deliveries, locked; rows another node's dispatcher holds are skipped (SKIP LOCKED where supported). */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @QueryHints(@QueryHint(name = "jakarta.persistence.lock.timeout", value = "-2"))
    @Query("select d from WebhookDelivery d where d.status = org.parley.webhook.WebhookDelivery.Status.PENDING"
            + " and d.nextAttemptAt <= :now order by d.nextAttemptAt")
    List<WebhookDelivery> due(Instant now, Limit limit);

    List<WebhookDelivery> findBySubscriptionIdOrderByCreatedAtDesc(UUID subscriptionId, Limit limit);

    /** Forgets finished deliveries created before {@code before} (the log's retention). */
    @Modifying
    @Query("delete from WebhookDelivery d where d.createdAt < :before"
            + " and d.status <> org.parley.webhook.WebhookDelivery.Status.PENDING")
    int purgeFinishedBefore(Instant before);

    @Modifying
    @Query("delete from WebhookDelivery d where d.subscriptionId = :subscriptionId")
    void deleteBySubscription(UUID subscriptionId);
}
