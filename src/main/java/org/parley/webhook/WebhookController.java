package org.parley.webhook;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.parley.base.InvalidInputException;
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

    private final WebhookAdmin webhooks;

    WebhookController(WebhookAdmin webhooks) {
        this.webhooks = webhooks;
    }

    record NewWebhook(String url, List<String> events, String description) {
    }

    @PostMapping(path = "/api/v1/webhooks", consumes = "application/json")
    ResponseEntity<Map<String, Object>> subscribe(@RequestBody(required = false) NewWebhook body) {
        if (body == null) {
            throw new InvalidInputException("a JSON body {url, events, description?} is required");
        }
        WebhookAdmin.Created created = webhooks.subscribe(body.url(), body.events(), body.description());
        return ResponseEntity.created(URI.create("/api/v1/webhooks/" + created.id()))
                .body(Map.of("id", created.id(), "secret", created.secret()));
    }

    @GetMapping("/api/v1/webhooks")
    List<WebhookAdmin.Subscription> list() {
        return webhooks.list();
    }

    @DeleteMapping("/api/v1/webhooks/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        webhooks.delete(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/webhooks/{id}/deliveries")
    List<WebhookAdmin.Delivery> deliveries(@PathVariable UUID id, @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 500) {
            throw new InvalidInputException("limit: between 1 and 500");
        }
        return webhooks.deliveries(id, limit);
    }

    @PostMapping("/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver")
    ResponseEntity<WebhookAdmin.Delivery> redeliver(@PathVariable UUID id, @PathVariable UUID deliveryId) {
        return ResponseEntity.accepted().body(webhooks.redeliver(id, deliveryId));
    }
}
