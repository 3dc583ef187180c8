package org.parley.webhook;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.parley.base.InvalidInputException;
import org.parley.security.RoleGuard;
import org.parley.team.Role;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Outbound webhooks for admins (role ADMIN and a token with the {@code admin} scope): subscribe a URL to events
 * — the signing secret is in that answer and nowhere else, ever — list and delete subscriptions, read a
 * subscription's delivery log and send a delivery again.
 */
@RestController
class WebhookController {

    private final Webhooks webhooks;
    private final RoleGuard roles;

    WebhookController(Webhooks webhooks, RoleGuard roles) {
        this.webhooks = webhooks;
        this.roles = roles;
    }

    record NewWebhook(String url, List<String> events, String description) {
    }

    record WebhookJson(UUID id, String url, List<String> events, String description, Instant createdAt,
            boolean enabled, Instant failingSince, Instant disabledAt, String disabledReason) {
    }

    record DeliveryJson(UUID deliveryId, String event, String status, int attempts, Integer lastHttpStatus,
            String lastAnswer, Instant createdAt, Instant lastAttemptAt, Instant nextAttemptAt) {
    }

    @PostMapping(path = "/api/v1/webhooks", consumes = "application/json")
    ResponseEntity<Map<String, Object>> subscribe(@RequestBody(required = false) NewWebhook body) {
        roles.requireAny(Role.ADMIN);
        if (body == null) {
            throw new InvalidInputException("a JSON body {url, events, description?} is required");
        }
        Webhooks.Created created = webhooks.subscribe(body.url(), body.events(), body.description());
        return ResponseEntity.created(URI.create("/api/v1/webhooks/" + created.id()))
                .body(Map.of("id", created.id(), "secret", created.secret()));
    }

    @GetMapping("/api/v1/webhooks")
    List<WebhookJson> list() {
        roles.requireAny(Role.ADMIN);
        return webhooks.list().stream().map(s -> new WebhookJson(s.getId(), s.getUrl(), s.eventNames(),
                s.getDescription(), s.getCreatedAt(), s.getDisabledAt() == null, s.getFailingSince(), s.getDisabledAt(),
                s.getDisabledReason())).toList();
    }

    @DeleteMapping("/api/v1/webhooks/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        roles.requireAny(Role.ADMIN);
        webhooks.delete(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/webhooks/{id}/deliveries")
    List<DeliveryJson> deliveries(@PathVariable UUID id, @RequestParam(defaultValue = "50") int limit) {
        roles.requireAny(Role.ADMIN);
        if (limit < 1 || limit > 500) {
            throw new InvalidInputException("limit: between 1 and 500");
        }
        return webhooks.deliveries(id, limit).stream().map(WebhookController::json).toList();
    }

    @PostMapping("/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver")
    ResponseEntity<DeliveryJson> redeliver(@PathVariable UUID id, @PathVariable UUID deliveryId) {
        roles.requireAny(Role.ADMIN);
        return ResponseEntity.accepted().body(json(webhooks.redeliver(id, deliveryId)));
    }

    private static DeliveryJson json(WebhookDelivery d) {
        return new DeliveryJson(d.getId(), d.getEvent(), d.getStatus().name(), d.getAttempts(), d.getLastHttpStatus(),
                d.getLastAnswer(), d.getCreatedAt(), d.getLastAttemptAt(), d.getNextAttemptAt());
    }
}
