package org.parley.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.parley.support.ApiClient;
import org.parley.support.ApiClient.Response;
import org.parley.support.ParleySpringTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A saturated Parley answers 503 with Retry-After at once instead of letting requests hang, stores nothing of
 * a refused message, and takes the same message once it has room again. The one ingest lane is stalled by
 * holding the event sequence row (every batch takes it last, before it commits).
 */
@ParleySpringTest
@TestPropertySource(properties = {"parley.ingest.lanes=1", "parley.ingest.batch-size=1",
    "parley.ingest.queue-capacity=2", "parley.ingest.max-wait=60s",
    "spring.datasource.url=jdbc:h2:mem:backpressure;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=60000"})
class BackPressureTest {

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;

    @Test
    void aFullLaneAnswers503WithRetryAfterAndStoresNothingOfTheRefusedMessages() throws Exception {
        ApiClient api = new ApiClient(port, ParleySpringTest.TOKEN);
        String run = UUID.randomUUID().toString().substring(0, 8);
        int requests = 8;
        List<Response> answers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            blocker.createStatement().executeUpdate("UPDATE event_sequence SET next_seq = next_seq WHERE id = 1");
            List<Future<Response>> sent = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                String body = InboundApiContract.inbound("EMAIL", "bp-" + run + "-" + i, "EMAIL",
                        "bp" + i + "." + run + "@example.com", "Bea", "Busy " + i, "Hello", null);
                sent.add(pool.submit(() -> api.post("/api/v1/inbound", body)));
                Thread.sleep(50);
            }
            // with the lane stalled, at most one batch and the queue's two are taken: the rest is refused at once
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> sent.stream().filter(Future::isDone).count() >= requests - 3);
            Thread.sleep(200); // the held ones really are held
            long refusedBeforeRelease = 0;
            for (Future<Response> f : sent) {
                if (f.isDone()) {
                    refusedBeforeRelease++;
                    answers.add(f.get());
                }
            }
            assertThat(refusedBeforeRelease).isBetween((long) requests - 3, (long) requests - 1);
            blocker.rollback();
            for (Future<Response> f : sent) {
                if (!answers.contains(f.get())) {
                    answers.add(f.get());
                }
            }
        } finally {
            pool.shutdown();
        }
        List<Response> refused = answers.stream().filter(r -> r.status() == 503).toList();
        List<Response> stored = answers.stream().filter(r -> r.status() == 201).toList();
        assertThat(refused.size() + stored.size()).isEqualTo(requests);
        assertThat(refused).isNotEmpty().allSatisfy(r -> {
            assertThat(r.header("Retry-After")).matches("\\d+");
            assertThat(r.json().path("error").asString()).contains("try again");
        });
        assertThat(stored).hasSizeBetween(1, 3);

        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Integer kept = jdbc.queryForObject("SELECT COUNT(*) FROM message WHERE external_id LIKE ?", Integer.class,
                "bp-" + run + "-%");
        assertThat(kept).isEqualTo(stored.size());

        // with room again, every refused message is taken
        for (int i = 0; i < requests; i++) {
            String body = InboundApiContract.inbound("EMAIL", "bp-" + run + "-" + i, "EMAIL",
                    "bp" + i + "." + run + "@example.com", "Bea", "Busy " + i, "Hello", null);
            assertThat(api.post("/api/v1/inbound", body).status()).isIn(200, 201);
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM message WHERE external_id LIKE ?", Integer.class,
                "bp-" + run + "-%")).isEqualTo(requests);
    }
}
