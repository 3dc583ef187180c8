package org.parley.webhook;

import java.util.EnumSet;
import java.util.UUID;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Webhook data for other packages' tests (the endpoint walk), made without waiting for the event spine. */
public final class WebhookFixtures {

    private WebhookFixtures() {
    }

    /** A subscription (to a name that never resolves, for customer.merged: nothing is ever sent) and one pending delivery of it. */
    public record Fixture(UUID subscriptionId, UUID deliveryId) {
    }

    public static Fixture subscriptionWithDelivery(ApplicationContext context, String description) {
        Webhooks webhooks = context.getBean(Webhooks.class);
        WebhookSubscriptionRepository subscriptions = context.getBean(WebhookSubscriptionRepository.class);
        WebhookDeliveryRepository deliveries = context.getBean(WebhookDeliveryRepository.class);
        return new TransactionTemplate(context.getBean(PlatformTransactionManager.class)).execute(tx -> {
            WebhookSubscription s = subscriptions.save(new WebhookSubscription("https://walk.invalid/walk",
                    EnumSet.of(WebhookEvent.CUSTOMER_MERGED), description, "whsec_fixture", java.time.Instant.now()));
            WebhookDelivery d = new WebhookDelivery(s.getId(), WebhookEvent.CUSTOMER_MERGED, java.time.Instant.now());
            d.body("{\"event\":\"customer.merged\",\"deliveryId\":\"" + d.getId() + "\",\"data\":{}}");
            deliveries.save(d);
            return new Fixture(s.getId(), d.getId());
        });
    }
}
