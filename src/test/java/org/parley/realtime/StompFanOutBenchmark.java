package org.parley.realtime;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.parley.bench.BenchMode;
import org.parley.bench.BenchReport;
import org.parley.bench.BenchReport.Percentiles;
import org.parley.bench.BenchReport.Result;
import org.parley.support.ApiClient;
import org.parley.support.ParleySpringTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * STOMP fan-out: {@code parley.bench.stomp.subscribers} (1,000) WebSocket sessions, each subscribed to
 * {@code /topic/conversations} with an API token, as wallboards and integrations would be; then messages through
 * {@code POST /api/v1/inbound} at a steady rate, and the delay from each call to each subscriber receiving its event
 * (the clients run in the server's JVM, with the JDK's WebSocket client: one connection each, no extra threads).
 * Tag {@code benchmark}: {@code ./mvnw verify -Pbench -Dtest=StompFanOutBenchmark}.
 */
@ParleySpringTest
@Tag("benchmark")
class StompFanOutBenchmark {

    static final BenchMode MODE = BenchMode.current();
    private static final Pattern MARKER = Pattern.compile("stomp-bench-(\\d+)-([0-9a-f]{8})");

    /** H2 or, with {@code -Dparley.bench.database=mysql}, MariaDB, as the benchmark suite. */
    @org.springframework.test.context.DynamicPropertySource
    static void database(org.springframework.test.context.DynamicPropertyRegistry registry) {
        org.parley.bench.BenchDatabase.mysqlIfAsked(registry, "parley_bench_stomp");
        org.parley.bench.BenchDatabase.spineAsInProduction(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    LiveBus bus;

    @Test
    void eventsReachAThousandSubscribers() throws Exception {
        int subscribers = MODE.size("parley.bench.stomp.subscribers", 20, 1000);
        int messages = MODE.size("parley.bench.stomp.messages", 5, 100);
        long gapMillis = Long.getLong("parley.bench.stomp.gap-ms", 250);
        String run = UUID.randomUUID().toString().substring(0, 8);
        HttpClient http = HttpClient.newHttpClient();
        long[] sentAt = new long[messages];
        // receivedAt[subscriber][message], 0 while not received
        java.util.concurrent.atomic.AtomicLongArray[] receivedAt = new java.util.concurrent.atomic.AtomicLongArray[subscribers];
        for (int s = 0; s < subscribers; s++) {
            receivedAt[s] = new java.util.concurrent.atomic.AtomicLongArray(messages);
        }
        AtomicInteger connected = new AtomicInteger();
        java.util.concurrent.atomic.AtomicIntegerArray warm = new java.util.concurrent.atomic.AtomicIntegerArray(subscribers);
        List<WebSocket> sockets = new ArrayList<>();
        try {
            for (int s = 0; s < subscribers; s++) {
                int subscriber = s;
                WebSocket socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                        .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), new Listener(frame -> {
                            if (frame.startsWith("CONNECTED")) {
                                connected.incrementAndGet();
                                return;
                            }
                            if (frame.startsWith("MESSAGE") && frame.contains("stomp-warm-" + run)) {
                                warm.set(subscriber, 1);
                                return;
                            }
                            Matcher m = MARKER.matcher(frame);
                            if (frame.startsWith("MESSAGE") && m.find() && m.group(2).equals(run)) {
                                int k = Integer.parseInt(m.group(1));
                                if (k < messages) {
                                    receivedAt[subscriber].compareAndSet(k, 0, System.nanoTime());
                                }
                            }
                        })).get(60, TimeUnit.SECONDS);
                socket.sendText("CONNECT\naccept-version:1.2\nhost:127.0.0.1\nAuthorization:Bearer "
                        + ParleySpringTest.TOKEN + "\n\n\0", true).get(30, TimeUnit.SECONDS);
                sockets.add(socket);
            }
            awaitTrue(() -> connected.get() == subscribers, Duration.ofSeconds(120));
            // subscribe once connected (frames of one session may be handled concurrently)
            for (WebSocket socket : sockets) {
                socket.sendText("SUBSCRIBE\nid:sub-0\ndestination:/topic/conversations\n\n\0", true)
                        .get(30, TimeUnit.SECONDS);
            }
            // a warm-up message every subscriber has seen: all subscriptions are in place
            ApiClient api = new ApiClient(port, ParleySpringTest.TOKEN);
            api.post("/api/v1/inbound", """
                    {"channel": "EMAIL", "externalId": "stomp-warm-%s", "from": {"type": "EMAIL",
                     "value": "stomp-warm-%s@example.com", "name": "Stomp Bench"}, "subject": "Warm-up",
                     "text": "stomp-warm-%s"}""".formatted(run, run, run));
            awaitTrue(() -> {
                for (int s = 0; s < subscribers; s++) {
                    if (warm.get(s) == 0) {
                        return false;
                    }
                }
                return true;
            }, Duration.ofSeconds(120));

            for (int k = 0; k < messages; k++) {
                sentAt[k] = System.nanoTime();
                api.post("/api/v1/inbound", """
                        {"channel": "EMAIL", "externalId": "stomp-%d-%s", "from": {"type": "EMAIL",
                         "value": "stomp-%d-%s@example.com", "name": "Stomp Bench"}, "subject": "Fan-out",
                         "text": "stomp-bench-%d-%s"}""".formatted(k, run, k, run, k, run));
                Thread.sleep(gapMillis);
            }
            awaitTrue(() -> {
                for (java.util.concurrent.atomic.AtomicLongArray row : receivedAt) {
                    for (int k = 0; k < messages; k++) {
                        if (row.get(k) == 0) {
                            return false;
                        }
                    }
                }
                return true;
            }, Duration.ofSeconds(60));
        } finally {
            sockets.forEach(WebSocket::abort);
        }
        List<Long> delays = new ArrayList<>();
        int missing = 0;
        for (java.util.concurrent.atomic.AtomicLongArray row : receivedAt) {
            for (int k = 0; k < messages; k++) {
                if (row.get(k) == 0) {
                    missing++;
                } else {
                    delays.add(row.get(k) - sentAt[k]);
                }
            }
        }
        String note = subscribers + " STOMP sessions on /topic/conversations, " + messages + " messages "
                + gapMillis + " ms apart; " + delays.size() + " deliveries, " + missing + " missing";
        List<Result> results = new ArrayList<>(BenchReport.latency("stomp-fan-out", "API call -> STOMP subscriber",
                Percentiles.ofNanos(delays.stream().mapToLong(Long::longValue).toArray()), note));
        BenchReport.publish("stomp-fan-out", MODE.name().toLowerCase(),
                System.getProperty("parley.bench.database", "h2"), results);
        if (missing > 0) {
            throw new AssertionError(missing + " of " + subscribers * messages + " deliveries did not arrive");
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + timeout);
            }
            Thread.sleep(50);
        }
    }

    /** Collects whole STOMP frames (a frame may come in several parts) and hands each to {@code onFrame}. */
    private static final class Listener implements WebSocket.Listener {

        private final java.util.function.Consumer<String> onFrame;
        private final StringBuilder partial = new StringBuilder();

        Listener(java.util.function.Consumer<String> onFrame) {
            this.onFrame = onFrame;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frames = partial.toString();
                partial.setLength(0);
                for (String frame : frames.split("\0")) {
                    if (!frame.isBlank()) {
                        onFrame.accept(frame.stripLeading());
                    }
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, java.nio.ByteBuffer data, boolean last) {
            onFrame.accept(StandardCharsets.UTF_8.decode(data).toString());
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            return CompletableFuture.completedFuture(null);
        }
    }
}
