package org.parley.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dispatcher's decisions, with the repositories replaced by the two entities they would return and a clock
 * the test moves: the send-time SSRF check, and disabling a subscription after 24 h of nothing but failures.
 */
class WebhookDispatcherTest {

    HttpServer server;
    final AtomicInteger calls = new AtomicInteger();
    volatile int answer = 503;
    Instant now = Instant.parse("2026-12-03T08:00:00Z");

    @BeforeEach
    void endpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            calls.incrementAndGet();
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    WebhookSubscription subscription;
    WebhookDelivery delivery;

    WebhookDispatcher dispatcher(boolean allowPrivate) {
        subscription = new WebhookSubscription("http://127.0.0.1:" + server.getAddress().getPort() + "/hook",
                EnumSet.of(WebhookEvent.MESSAGE_RECEIVED), null, "whsec_test", now);
        delivery = new WebhookDelivery(subscription.getId(), WebhookEvent.MESSAGE_RECEIVED, now);
        delivery.body("{\"event\":\"message.received\"}");
        WebhookDeliveryRepository deliveries = mock(WebhookDeliveryRepository.class);
        WebhookSubscriptionRepository subscriptions = mock(WebhookSubscriptionRepository.class);
        when(deliveries.due(any(), any())).thenAnswer(i -> delivery.getStatus() == WebhookDelivery.Status.PENDING
                && !delivery.getNextAttemptAt().isAfter(i.getArgument(0)) ? List.of(delivery) : List.of());
        when(deliveries.findById(delivery.getId())).thenReturn(Optional.of(delivery));
        when(subscriptions.findAllById(any())).thenReturn(List.of(subscription));
        when(subscriptions.findById(subscription.getId())).thenReturn(Optional.of(subscription));
        WebhookProperties properties = new WebhookProperties(true, allowPrivate, Duration.ofSeconds(5), 50,
                Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofHours(1), Duration.ofMinutes(1),
                Duration.ofHours(24), Duration.ofDays(30));
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        return new WebhookDispatcher(deliveries, subscriptions, new AddressGuard(allowPrivate), properties,
                new TransactionTemplate(mock(PlatformTransactionManager.class)), mock(TaskScheduler.class), clock,
                notice);
    }

    final DisabledWebhookNotice notice = mock(DisabledWebhookNotice.class);

    @Test
    void aLoopbackUrlIsRefusedAtSendTimeWithoutAConnectionAndNotRetried() {
        WebhookDispatcher dispatcher = dispatcher(false);

        dispatcher.dispatchDue();

        assertThat(calls.get()).isZero();
        assertThat(delivery.getStatus()).isEqualTo(WebhookDelivery.Status.FAILED);
        assertThat(delivery.getAttempts()).isEqualTo(1);
        assertThat(delivery.getLastAnswer()).startsWith("refused: ").contains("may not reach");
    }

    @Test
    void aSubscriptionThatOnlyFailedFor24HoursIsDisabledAndItsWaitingDeliveriesFail() {
        WebhookDispatcher dispatcher = dispatcher(true);

        dispatcher.dispatchDue();
        assertThat(calls.get()).isEqualTo(1);
        assertThat(delivery.getStatus()).isEqualTo(WebhookDelivery.Status.PENDING);
        assertThat(delivery.getLastHttpStatus()).isEqualTo(503);
        assertThat(delivery.getNextAttemptAt()).isEqualTo(now.plusSeconds(10)); // the first backoff
        assertThat(subscription.getFailingSince()).isEqualTo(now);

        now = now.plus(Duration.ofHours(23));
        dispatcher.dispatchDue();
        assertThat(calls.get()).isEqualTo(2);
        assertThat(subscription.getDisabledAt()).isNull();
        assertThat(delivery.getNextAttemptAt()).isEqualTo(now.plusSeconds(20)); // doubled

        now = now.plus(Duration.ofHours(1));
        dispatcher.dispatchDue();
        org.mockito.Mockito.verify(notice, org.mockito.Mockito.times(1)).disabled(
                org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any(),
                org.mockito.ArgumentMatchers.any());
        assertThat(calls.get()).isEqualTo(3);
        assertThat(subscription.getDisabledAt()).isEqualTo(now);
        assertThat(subscription.wants(WebhookEvent.MESSAGE_RECEIVED)).isFalse();
        // the admins hear of it, once
        org.mockito.Mockito.verify(notice, org.mockito.Mockito.times(1)).disabled(
                org.mockito.ArgumentMatchers.eq(subscription.getId()),
                org.mockito.ArgumentMatchers.eq(subscription.getUrl()), org.mockito.ArgumentMatchers.anyString());

        now = now.plus(Duration.ofHours(1));
        dispatcher.dispatchDue();
        org.mockito.Mockito.verify(notice, org.mockito.Mockito.times(1)).disabled(
                org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any(),
                org.mockito.ArgumentMatchers.any());
        assertThat(calls.get()).isEqualTo(3);
        assertThat(delivery.getStatus()).isEqualTo(WebhookDelivery.Status.FAILED);
        assertThat(delivery.getLastAnswer()).isEqualTo("subscription disabled");
    }

    @Test
    void aSuccessEndsTheFailureStreak() {
        WebhookDispatcher dispatcher = dispatcher(true);
        dispatcher.dispatchDue();
        assertThat(subscription.getFailingSince()).isEqualTo(now);

        answer = 200;
        now = now.plus(Duration.ofHours(23));
        dispatcher.dispatchDue();

        assertThat(delivery.getStatus()).isEqualTo(WebhookDelivery.Status.SUCCEEDED);
        assertThat(delivery.getAttempts()).isEqualTo(2);
        assertThat(subscription.getFailingSince()).isNull();
        assertThat(subscription.getDisabledAt()).isNull();
    }
}
