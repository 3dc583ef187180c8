package org.parley.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
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

    private static final String TOKEN = "crash-test-token-0123456789";
    private static final int CLIENTS = 4;

    private final int kills = Integer.getInteger("parley.crash.kills", 2);
    private final int secondsBetweenKills = Integer.getInteger("parley.crash.seconds", 4);
    private final String database = MySqlAvailable.DATABASE + "_crash";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
    private final Set<String> unanswered = ConcurrentHashMap.newKeySet();
    private final AtomicLong sent = new AtomicLong();

    @Test
    void everyAcknowledgedMessageSurvivesSigkillExactlyOnce() throws Exception {
        recreateDatabase();
        int port = freePort();
        Process node = start(port, 0);
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.submit(() -> post(client, port, running));
        }
        List<Long> downtimesMillis = new ArrayList<>();
        try {
            for (int k = 1; k <= kills; k++) {
                Thread.sleep(secondsBetweenKills * 1000L);
                node.destroyForcibly(); // SIGKILL: no shutdown hooks, no graceful close
                node.waitFor(30, TimeUnit.SECONDS);
                long down = System.nanoTime();
                node = start(port, k);
                downtimesMillis.add((System.nanoTime() - down) / 1_000_000);
            }
            Thread.sleep(secondsBetweenKills * 1000L);
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
            node.destroyForcibly();
            node.waitFor(30, TimeUnit.SECONDS);
        }

        Map<String, Integer> stored = storedCounts();
        System.out.printf("[crash] %d kills; %d requests, %d acknowledged, %d without answer; restart took %s ms;"
                + " %d stored%n", kills, sent.get(), acknowledged.size(), unanswered.size(), downtimesMillis,
                stored.size());
        assertThat(acknowledged).as("some messages were acknowledged between the kills").hasSizeGreaterThan(kills * 10);
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
                sleep(200); // the node is down or starting: retry later with a new message
            }
            sleep(10);
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

    private Process start(int port, int generation) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = Path.of("target", "crash", "node-" + generation + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx768m", "-cp", System.getProperty("java.class.path"),
                "org.parley.ParleyApplication",
                "--server.port=" + port,
                "--spring.datasource.url=" + MySqlAvailable.serverUrl() + database
                        + "?rewriteBatchedStatements=true&useSSL=false&allowPublicKeyRetrieval=true",
                "--spring.datasource.username=" + MySqlAvailable.user(),
                "--spring.datasource.password=" + MySqlAvailable.password(),
                "--parley.demo.enabled=false",
                "--parley.api.bootstrap-token=" + TOKEN,
                "--parley.channels.secret-key-file=target/crash/secret.key",
                "--vaadin.launch-browser=false")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("VAADIN_USAGE_STATS_ENABLED", "false");
        builder.directory(new File(System.getProperty("user.dir")));
        Process process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Parley exited on start-up; see " + log.toAbsolutePath());
            }
            try {
                HttpResponse<String> ping = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/customers?q=crash")).header("Authorization", "Bearer " + TOKEN).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ping.statusCode() == 200) {
                    return process;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        process.destroyForcibly();
        throw new IllegalStateException("Parley did not start within 180 s; see " + log.toAbsolutePath());
    }

    private void recreateDatabase() throws Exception {
        try (Connection connection = DriverManager.getConnection(MySqlAvailable.serverUrl(), MySqlAvailable.user(),
                MySqlAvailable.password()); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database);
            statement.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
    }

    private Map<String, Integer> storedCounts() throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(MySqlAvailable.serverUrl() + database,
                MySqlAvailable.user(), MySqlAvailable.password()); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT external_id, COUNT(*) FROM message"
                        + " WHERE channel = 'API' AND external_id LIKE 'crash-%' GROUP BY external_id")) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getInt(2));
            }
        }
        return counts;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
