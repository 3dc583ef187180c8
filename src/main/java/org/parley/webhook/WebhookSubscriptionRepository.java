package org.parley.webhook;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface WebhookSubscriptionRepository extends JpaRepository<WebhookSubscription, UUID> {

    List<WebhookSubscription> findAllByOrderByCreatedAt();

    List<WebhookSubscription> findByDisabledAtIsNull();
}
