package org.parley.trust;

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
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.parley.support.MySqlAvailable;

/**
 * Parley as its own process on a MariaDB database of its own, for the crash tests: started on the
 * test's class path with extra properties, waited for until its API answers, killed with SIGKILL (no
 * shutdown hooks, no graceful close) and started again on the same port and database. Each start's log
 * goes to {@code target/crash/<name>-<generation>.log}.
 */
final class ParleyNode {

    static final String TOKEN = "crash-test-token-0123456789";
    /** A start-up takes ~25 s on an idle 2-core machine and several times that on a busy one. */
    private static final int START_SECONDS = Integer.getInteger("parley.crash.start-seconds", 300);

    private final String name;
    private final String database;
    private final int port;
    private final List<String> extraArguments;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Long> restartMillis = new ArrayList<>();
    private Process process;
    private int generation;

    /** A node on a fresh database {@code <test database>_<name>}. */
    ParleyNode(String name, List<String> extraArguments) throws Exception {
        this.name = name;
        this.database = MySqlAvailable.DATABASE + "_" + name;
        this.port = freePort();
        this.extraArguments = List.copyOf(extraArguments);
        recreateDatabase();
    }

    int port() {
        return port;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(MySqlAvailable.serverUrl() + database, MySqlAvailable.user(),
                MySqlAvailable.password());
    }

    /** How long each restart after a kill took until the API answered again. */
    List<Long> restartMillis() {
        return List.copyOf(restartMillis);
    }

    /** Starts the process and waits until its API answers (at most {@code parley.crash.start-seconds}, 300 s). */
    void start() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = Path.of("target", "crash", name + "-" + generation++ + ".log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(java, "-Xmx768m", "-cp", System.getProperty("java.class.path"),
                "org.parley.ParleyApplication",
                "--server.port=" + port,
                "--spring.datasource.url=" + MySqlAvailable.serverUrl() + database
                        + "?rewriteBatchedStatements=true&useSSL=false&allowPublicKeyRetrieval=true",
                "--spring.datasource.username=" + MySqlAvailable.user(),
                "--spring.datasource.password=" + MySqlAvailable.password(),
                "--parley.demo.enabled=false",
                "--parley.api.bootstrap-token=" + TOKEN,
                "--parley.channels.secret-key-file=target/crash/" + name + "-secret.key",
                "--vaadin.launch-browser=false"));
        command.addAll(extraArguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("VAADIN_USAGE_STATS_ENABLED", "false");
        builder.directory(new File(System.getProperty("user.dir")));
        process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Parley exited on start-up; see " + log.toAbsolutePath());
            }
            try {
                // each attempt bounded: once (CI, 2026-12-07) an attempt right after a restart got no answer until the
                // test's five minutes ran out, while the node's log showed it started and nothing amiss; an attempt
                // that times out is tried again like a refused connection
                HttpResponse<String> ping = http.send(HttpRequest.newBuilder(uri("/api/v1/customers?q=crash"))
                        .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + TOKEN).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ping.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        process.destroyForcibly();
        throw new IllegalStateException("Parley did not start within " + START_SECONDS + " s; see " + log.toAbsolutePath());
    }

    /** SIGKILL, then a new process on the same port and database; the time to its first answer is recorded. */
    void killAndRestart() throws Exception {
        kill();
        long down = System.nanoTime();
        start();
        restartMillis.add((System.nanoTime() - down) / 1_000_000);
    }

    /** SIGKILL: no shutdown hooks, no graceful close. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private void recreateDatabase() throws SQLException {
        try (Connection connection = DriverManager.getConnection(MySqlAvailable.serverUrl(), MySqlAvailable.user(),
                MySqlAvailable.password()); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database);
            statement.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Lets the test's traffic run for {@code seconds}, and at least until {@code more} further operations were
     * acknowledged (at most 5 min): a busy machine answers slowly, and every kill must hit a node that is working.
     */
    static void runTraffic(int seconds, java.util.function.IntSupplier acknowledged, int more)
            throws InterruptedException {
        int target = acknowledged.getAsInt() + more;
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long limit = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while ((System.nanoTime() < until || acknowledged.getAsInt() < target) && System.nanoTime() < limit) {
            Thread.sleep(100);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
