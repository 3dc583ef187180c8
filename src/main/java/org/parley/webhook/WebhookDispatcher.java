package org.parley.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.parley.base.InvalidInputException;
import org.parley.base.PeriodicRound;
import org.parley.base.WebhookSignatures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Limit;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due webhook deliveries every {@code parley.webhooks.poll-interval} (a {@link PeriodicRound} on the
 * {@code parleyScheduler}). A round claims due deliveries in a
 * short transaction (row locks, {@code SKIP LOCKED} on MySQL/MariaDB, and a lease: the claim moves their next
 * attempt forward, so a crashed node's claims come back), sends each outside any transaction, then records the outcome:
 * 2xx succeeded; 408, 429, 5xx, timeouts and connection errors are retried with exponential backoff; any other
 * answer fails for good. A subscription whose attempts only failed for {@code disable-after} is disabled, and
 * its waiting deliveries fail.
 */
@Component
class WebhookDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    static final int MAX_ATTEMPTS = 20;

    private final WebhookDeliveryRepository deliveries;
    private final WebhookSubscriptionRepository subscriptions;
    private final AddressGuard guard;
    private final WebhookProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final HttpClient http;
    private final PeriodicRound polling;
    private Instant lastPurge = Instant.EPOCH;
    private final DisabledWebhookNotice notice;

    WebhookDispatcher(WebhookDeliveryRepository deliveries, WebhookSubscriptionRepository subscriptions,
            AddressGuard guard, WebhookProperties properties, TransactionTemplate transaction,
            @Qualifier("parleyScheduler") TaskScheduler scheduler, Clock clock, DisabledWebhookNotice notice) {
        this.notice = notice;
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.guard = guard;
        this.properties = properties;
        this.transaction = transaction;
        this.polling = new PeriodicRound("webhook", scheduler, () -> {
            dispatchDue();
            purgeHourly();
        });
        this.clock = clock;
        // never follow redirects: a redirect could lead to an address the guard refuses
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            log.info("webhook dispatching is disabled on this node (parley.webhooks.enabled=false)");
            return;
        }
        polling.start(Duration.ofMillis(Math.max(100, properties.pollInterval().toMillis())));
    }

    @Override
    public void stop() {
        polling.stop();
    }

    @Override
    public boolean isRunning() {
        return polling.isStarted();
    }

    /** At most once an hour, finished deliveries older than {@code parley.webhooks.keep} leave the log. */
    private void purgeHourly() {
        Instant now = clock.instant();
        if (lastPurge.plus(Duration.ofHours(1)).isAfter(now)) {
            return;
        }
        lastPurge = now;
        Integer purged = transaction.execute(tx -> deliveries.purgeFinishedBefore(now.minus(properties.keep())));
        if (purged != null && purged > 0) {
            log.info("webhook delivery log: {} finished deliveries older than {} removed", purged, properties.keep());
        }
    }

    private record Claimed(UUID id, String event, String payload, String url, String secret) {
    }

    /** Sends every delivery that is due now; returns how many attempts were made. */
    int dispatchDue() {
        int attempts = 0;
        while (true) {
            List<Claimed> batch = claim();
            for (Claimed c : batch) {
                attempt(c);
                attempts++;
            }
            if (batch.size() < properties.batchSize()) {
                break;
            }
        }
        return attempts;
    }

    private List<Claimed> claim() {
        try {
            return transaction.execute(tx -> {
                Instant now = clock.instant();
                List<WebhookDelivery> due = deliveries.due(now, Limit.of(properties.batchSize()));
                Map<UUID, WebhookSubscription> subs = subscriptions.findAllById(due.stream()
                        .map(WebhookDelivery::getSubscriptionId).distinct().toList()).stream()
                        .collect(Collectors.toMap(WebhookSubscription::getId, Function.identity()));
                List<Claimed> claimed = new ArrayList<>();
                for (WebhookDelivery d : due) {
                    WebhookSubscription s = subs.get(d.getSubscriptionId());
                    if (s == null || s.getDisabledAt() != null) {
                        d.failedForGood(now, null, "subscription disabled");
                        continue;
                    }
                    d.claim(now.plus(properties.lease()));
                    claimed.add(new Claimed(d.getId(), d.getEvent(), d.getPayload(), s.getUrl(), s.getSecret()));
                }
                return claimed;
            });
        } catch (OptimisticLockingFailureException e) {
            return List.of(); // another node claimed some of them
        }
    }

    private void attempt(Claimed c) {
        Integer status = null;
        String answer;
        boolean retry;
        try {
            URI uri = guard.check(c.url(), true);
            long timestamp = clock.instant().getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(properties.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Parley-Webhooks/1")
                    .header("X-Parley-Event", c.event())
                    .header("X-Parley-Delivery", c.id().toString())
                    .header("X-Parley-Timestamp", Long.toString(timestamp))
                    .header("X-Parley-Signature", "sha256=" + sign(c.secret(), timestamp, c.payload()))
                    .POST(HttpRequest.BodyPublishers.ofString(c.payload(), StandardCharsets.UTF_8)).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            answer = response.body();
            retry = status == 408 || status == 429 || status >= 500;
        } catch (AddressGuard.Unresolvable e) {
            answer = e.getMessage();
            retry = true;
        } catch (InvalidInputException e) {
            answer = "refused: " + e.getMessage();
            retry = false;
        } catch (IOException e) {
            answer = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            retry = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // the lease runs out and the delivery is attempted again
        }
        record(c.id(), status, answer, retry);
    }

    private void record(UUID id, Integer status, String answer, boolean retry) {
        boolean ok = status != null && status >= 200 && status < 300;
        for (int tries = 0; tries < 3; tries++) {
            try {
                transaction.executeWithoutResult(tx -> {
                    Instant now = clock.instant();
                    WebhookDelivery d = deliveries.findById(id).orElse(null);
                    if (d == null) {
                        return; // the subscription was deleted meanwhile
                    }
                    WebhookSubscription s = subscriptions.findById(d.getSubscriptionId()).orElse(null);
                    if (ok) {
                        d.succeeded(now, status, answer);
                        if (s != null) {
                            s.succeeded();
                        }
                        return;
                    }
                    if (retry && d.getAttempts() + 1 < MAX_ATTEMPTS) {
                        d.retryAt(now, status, answer, now.plus(properties.backoffAfter(d.getAttempts() + 1)));
                    } else {
                        d.failedForGood(now, status, answer);
                    }
                    if (s != null) {
                        boolean wasEnabled = s.getDisabledAt() == null;
                        s.failed(now, properties.disableAfter());
                        if (wasEnabled && s.getDisabledAt() != null) {
                            log.warn("webhook {} disabled: {}", s.getId(), s.getDisabledReason());
                            notice.disabled(s.getId(), s.getUrl(), s.getDisabledReason());
                        }
                    }
                });
                return;
            } catch (OptimisticLockingFailureException e) {
                // another node recorded on the same subscription at the same moment: read again
            }
        }
    }

    /** Hex HMAC-SHA256 of {@code "<timestamp>.<body>"} with the subscription's secret. */
    static String sign(String secret, long timestamp, String body) {
        return HexFormat.of().formatHex(WebhookSignatures.hmacSha256(secret,
                (timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }
}
