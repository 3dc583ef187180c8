package org.parley.webhook;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.parley.security.RoleGuard;
import org.parley.team.Role;
import org.springframework.stereotype.Service;

/**
 * What admins do with outbound webhooks, from the REST API and the admin screen alike: every method checks the
 * admin role here, so no caller can skip it.
 */
@Service
public class WebhookAdmin {

    private final Webhooks webhooks;
    private final RoleGuard roles;

    WebhookAdmin(Webhooks webhooks, RoleGuard roles) {
        this.webhooks = webhooks;
        this.roles = roles;
    }

    /** A new subscription: its id and its signing secret, which is never shown again. */
    public record Created(UUID id, String secret) {
    }

    public record Subscription(UUID id, String url, List<String> events, String description, Instant createdAt,
            boolean enabled, Instant failingSince, Instant disabledAt, String disabledReason) {
    }

    public record Delivery(UUID deliveryId, String event, String status, int attempts, Integer lastHttpStatus,
            String lastAnswer, Instant createdAt, Instant lastAttemptAt, Instant nextAttemptAt) {
    }

    /** The events a subscription can ask for, as they are named on the wire. */
    public List<String> eventNames() {
        return Arrays.stream(WebhookEvent.values()).map(WebhookEvent::wire).toList();
    }

    public Created subscribe(String url, List<String> events, String description) {
        roles.requireAny(Role.ADMIN);
        Webhooks.Created created = webhooks.subscribe(url, events, description);
        return new Created(created.id(), created.secret());
    }

    public List<Subscription> list() {
        roles.requireAny(Role.ADMIN);
        return webhooks.list().stream().map(s -> new Subscription(s.getId(), s.getUrl(), s.eventNames(),
                s.getDescription(), s.getCreatedAt(), s.getDisabledAt() == null, s.getFailingSince(),
                s.getDisabledAt(), s.getDisabledReason())).toList();
    }

    public void delete(UUID id) {
        roles.requireAny(Role.ADMIN);
        webhooks.delete(id);
    }

    public List<Delivery> deliveries(UUID subscriptionId, int limit) {
        roles.requireAny(Role.ADMIN);
        return webhooks.deliveries(subscriptionId, limit).stream().map(WebhookAdmin::delivery).toList();
    }

    /** Sends a delivery again (same id, same body) on the dispatcher's next round. */
    public Delivery redeliver(UUID subscriptionId, UUID deliveryId) {
        roles.requireAny(Role.ADMIN);
        return delivery(webhooks.redeliver(subscriptionId, deliveryId));
    }

    private static Delivery delivery(WebhookDelivery d) {
        return new Delivery(d.getId(), d.getEvent(), d.getStatus().name(), d.getAttempts(), d.getLastHttpStatus(),
                d.getLastAnswer(), d.getCreatedAt(), d.getLastAttemptAt(), d.getNextAttemptAt());
    }
}
