package org.parley.webhook;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.parley.audit.AuditTrail;
import org.parley.base.InvalidInputException;
import org.parley.base.NotFoundException;
import org.springframework.data.domain.Limit;
import org.parley.base.persistence.TransactionMemo;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Subscriptions and their delivery log. {@link #enqueue} writes one delivery per interested subscription in the
 * caller's transaction (the event subscriber's), so an event is never lost between reacting to it and sending it.
 * Callers (the REST controller) check the admin role first.
 */
@Service
class Webhooks {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookSubscriptionRepository subscriptions;
    private final WebhookDeliveryRepository deliveries;
    private final AddressGuard guard;
    private final JsonMapper json;
    private final Clock clock;
    private final AuditTrail audit;
    private final TransactionMemo<List<WebhookSubscription>> enabled = new TransactionMemo<>();

    Webhooks(WebhookSubscriptionRepository subscriptions, WebhookDeliveryRepository deliveries, AddressGuard guard,
            JsonMapper json, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.guard = guard;
        this.json = json;
        this.clock = clock;
    }

    record Created(UUID id, String secret) {
    }

    @Transactional
    Created subscribe(String url, List<String> events, String description) {
        guard.check(url, false);
        if (url.length() > 2000) {
            throw new InvalidInputException("url: at most 2000 characters");
        }
        if (events == null || events.isEmpty()) {
            throw new InvalidInputException("events: choose at least one of " + wireNames());
        }
        Set<WebhookEvent> chosen = EnumSet.noneOf(WebhookEvent.class);
        for (String name : events) {
            chosen.add(WebhookEvent.of(name == null ? "" : name.strip()).orElseThrow(() -> new InvalidInputException(
                    "events: unknown event '" + name + "'; events are " + wireNames())));
        }
        if (description != null && description.length() > 500) {
            throw new InvalidInputException("description: at most 500 characters");
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = "whsec_" + HexFormat.of().formatHex(bytes);
        enabled.forget();
        WebhookSubscription s = subscriptions.save(new WebhookSubscription(url.strip(), chosen, description, secret,
                clock.instant()));
        audit.record("webhook.created", "webhook", s.getId(), s.getUrl() + "; events " + String.join(",",
                s.eventNames()));
        return new Created(s.getId(), secret);
    }

    @Transactional(readOnly = true)
    List<WebhookSubscription> list() {
        return subscriptions.findAllByOrderByCreatedAt();
    }

    @Transactional
    void delete(UUID id) {
        WebhookSubscription s = subscriptions.findById(id).orElseThrow(() -> new NotFoundException("no webhook " + id));
        deliveries.deleteBySubscription(id);
        subscriptions.delete(s);
        enabled.forget();
        audit.record("webhook.deleted", "webhook", id, s.getUrl());
    }

    @Transactional(readOnly = true)
    List<WebhookDelivery> deliveries(UUID subscriptionId, int limit) {
        subscriptions.findById(subscriptionId).orElseThrow(() -> new NotFoundException("no webhook " + subscriptionId));
        return deliveries.findBySubscriptionIdOrderByCreatedAtDesc(subscriptionId, Limit.of(limit));
    }

    /** Sends the delivery again (same id, same body) on the dispatcher's next round. */
    @Transactional
    WebhookDelivery redeliver(UUID subscriptionId, UUID deliveryId) {
        WebhookDelivery d = deliveries.findById(deliveryId).filter(x -> x.getSubscriptionId().equals(subscriptionId))
                .orElseThrow(() -> new NotFoundException("no delivery " + deliveryId + " of webhook " + subscriptionId));
        d.redeliver(clock.instant());
        audit.record("webhook.redelivered", "webhook", subscriptionId, "delivery " + deliveryId + " (" + d.getEvent()
                + ")");
        return d;
    }

    /**
     * One delivery for every enabled subscription that asked for this event, in the caller's transaction (which
     * reads the subscriptions once, however many events it enqueues).
     */
    void enqueue(WebhookEvent event, Instant occurredAt, Map<String, Object> data) {
        for (WebhookSubscription s : enabled.get(subscriptions::findByDisabledAtIsNull)) {
            if (!s.wants(event)) {
                continue;
            }
            WebhookDelivery d = new WebhookDelivery(s.getId(), event, clock.instant());
            UUID deliveryId = d.getId();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("event", event.wire());
            body.put("deliveryId", deliveryId);
            body.put("occurredAt", (occurredAt == null ? clock.instant() : occurredAt).toString());
            body.put("data", data);
            d.body(json.writeValueAsString(body));
            deliveries.save(d);
        }
    }

    private static String wireNames() {
        return String.join(", ", EnumSet.allOf(WebhookEvent.class).stream().map(WebhookEvent::wire).toList());
    }
}
