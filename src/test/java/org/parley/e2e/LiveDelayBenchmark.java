package org.parley.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.parley.support.ApiClient;
import org.parley.support.ParleySpringTest;
import org.parley.team.Role;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Benchmark, not a test (its name does not end in Test, so the build never runs it): the delay from
 * posting a message to {@code POST /api/v1/inbound} until it is visible in the timeline of several
 * open agent browsers (headless Chromium). Run with
 * {@code ./mvnw -q test -Dtest=LiveDelayBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbench.sessions=4 -Dbench.messages=40}
 * and read the line starting with {@code LIVE DELAY}. Browser and JVM share the machine's clock.
 */
@ParleySpringTest
@Tag("benchmark")
@ExtendWith(BrowserAvailable.class)
class LiveDelayBenchmark {

    @LocalServerPort
    int port;
    @Autowired
    TeamDirectory team;

    @Test
    void ingestToBrowserVisibleDelay() throws InterruptedException {
        int sessions = Integer.getInteger("bench.sessions", 4);
        int messages = Integer.getInteger("bench.messages", 40);
        String run = UUID.randomUUID().toString().substring(0, 8);
        ApiClient api = new ApiClient(port, ParleySpringTest.TOKEN);
        String from = "bench." + run + "@example.com";
        String conversationId = api.post("/api/v1/inbound", body(run, from, "start")).text("conversationId");
        List<WebDriver> browsers = new ArrayList<>();
        try {
            for (int i = 0; i < sessions; i++) {
                String user = "bench-" + i + "-" + run;
                team.createAgent(user, "Bench " + i, null, "correct-horse-battery", EnumSet.of(Role.SUPERVISOR));
                WebDriver driver = Browser.start();
                browsers.add(driver);
                Browser.signIn(driver, port, user, "correct-horse-battery");
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(120));
                driver.get("http://localhost:" + port + "/inbox/" + conversationId);
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "bench-start"));
                Browser.stampTimelineArrivals(driver, "bench");
            }
            long[] sent = new long[messages];
            for (int k = 0; k < messages; k++) {
                sent[k] = System.currentTimeMillis();
                api.post("/api/v1/inbound", body(run, from, k + "-x"));
                Thread.sleep(250);
            }
            List<Long> delays = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            for (WebDriver driver : browsers) {
                Map<?, ?> seen = Browser.awaitStamps(driver, messages, deadline);
                for (int k = 0; k < messages; k++) {
                    Object at = seen.get(Integer.toString(k));
                    if (at instanceof Number n) {
                        delays.add(n.longValue() - sent[k]);
                    }
                }
            }
            Collections.sort(delays);
            int expected = sessions * messages;
            System.out.printf("LIVE DELAY sessions=%d messages=%d seen=%d/%d p50=%d ms p95=%d ms max=%d ms%n",
                    sessions, messages, delays.size(), expected, percentile(delays, 50), percentile(delays, 95),
                    delays.isEmpty() ? -1 : delays.getLast());
        } finally {
            browsers.forEach(WebDriver::quit);
        }
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static String body(String run, String from, String text) {
        return """
                {"channel": "EMAIL", "externalId": "<bench-%s-%s@mail>", "from": {"type": "EMAIL", "value": "%s",
                 "name": "Ben Bench"}, "subject": "Bench %s", "text": "bench-%s"}"""
                .formatted(text, run, from, run, text);
    }
}
