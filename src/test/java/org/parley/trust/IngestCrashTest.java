package org.parley.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parley.support.MySqlAvailable;

/**
 * Proof that an acknowledged message is never lost nor stored twice: Parley runs as its own process on
 * MariaDB while clients post to {@code POST /api/v1/inbound} at a steady rate, and the process is killed
 * with SIGKILL and restarted several times. Afterwards every message that got a 2xx answer is stored
 * exactly once, and delivering it again answers 200 with nothing new stored.
 *
 * <p>Short form in {@code verify} (2 kills); the long form:
 * {@code ./mvnw verify -Dtest=IngestCrashTest -Dparley.crash.kills=10 -Dparley.crash.seconds=15}.
 */
@Tag("mysql")
@ExtendWith(MySqlAvailable.class)
class IngestCrashTest {

    private static final String TOKEN = ParleyNode.TOKEN;
    private static final int CLIENTS = 4;

    private final int kills = Integer.getInteger("parley.crash.kills", 2);
    private final int secondsBetweenKills = Integer.getInteger("parley.crash.seconds", 4);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
    private final Set<String> unanswered = ConcurrentHashMap.newKeySet();
    private final AtomicLong sent = new AtomicLong();
    private ParleyNode node;

    @Test
    void everyAcknowledgedMessageSurvivesSigkillExactlyOnce() throws Exception {
        node = new ParleyNode("crash", List.of());
        node.start();
        int port = node.port();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.submit(() -> post(client, port, running));
        }
        try {
            for (int k = 1; k <= kills; k++) {
                ParleyNode.runTraffic(secondsBetweenKills, acknowledged::size, 10);
                node.killAndRestart();
            }
            ParleyNode.runTraffic(secondsBetweenKills, acknowledged::size, 10);
            running.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

            // the same deliveries again: answered as duplicates, nothing stored twice
            int redelivered = 0;
            for (String externalId : acknowledged.keySet()) {
                if (redelivered++ == 200) {
                    break;
                }
                assertThat(send(port, externalId)).as("redelivery of " + externalId).isEqualTo(200);
            }
        } finally {
            running.set(false);
            clients.shutdownNow();
            node.kill();
        }

        Map<String, Integer> stored = storedCounts();
        System.out.printf("[crash] %d kills; %d requests, %d acknowledged, %d without answer; restart took %s ms;"
                + " %d stored%n", kills, sent.get(), acknowledged.size(), unanswered.size(), node.restartMillis(),
                stored.size());
        assertThat(acknowledged).as("messages acknowledged between the kills")
                .hasSizeGreaterThanOrEqualTo((kills + 1) * 10);
        for (String externalId : acknowledged.keySet()) {
            assertThat(stored.get(externalId)).as("rows stored for acknowledged message " + externalId).isEqualTo(1);
        }
        assertThat(stored.values()).allMatch(count -> count == 1);
        // a message can be stored without its answer having reached the client (killed after commit), never
        // the reverse
        assertThat(stored.keySet()).allMatch(id -> acknowledged.containsKey(id) || unanswered.contains(id));
    }

    private void post(int client, int port, AtomicBoolean running) {
        long seq = 0;
        while (running.get()) {
            String externalId = "crash-" + client + "-" + seq++;
            sent.incrementAndGet();
            int status = send(port, externalId);
            if (status == 200 || status == 201) {
                acknowledged.put(externalId, status);
            } else {
                unanswered.add(externalId);
                ParleyNode.sleep(200); // the node is down or starting: retry later with a new message
            }
            ParleyNode.sleep(10);
        }
    }

    private int send(int port, String externalId) {
        String customer = externalId.substring(0, externalId.lastIndexOf('-'));
        String body = """
                {"channel": "API", "externalId": "%s", "from": {"type": "EMAIL", "value": "%s@crash.example",
                 "name": "Crash %s"}, "subject": "Crash test", "text": "message %s"}""".formatted(externalId, customer,
                customer, externalId);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/v1/inbound")).timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + TOKEN)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private Map<String, Integer> storedCounts() throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection connection = node.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT external_id, COUNT(*) FROM message"
                        + " WHERE channel = 'API' AND external_id LIKE 'crash-%' GROUP BY external_id")) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getInt(2));
            }
        }
        return counts;
    }
}
