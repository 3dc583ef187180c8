package org.parley.e2e;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.parley.bench.BenchMode;
import org.parley.bench.BenchReport;
import org.parley.bench.BenchReport.Percentiles;
import org.parley.bench.BenchReport.Result;
import org.parley.realtime.LiveBus;
import org.parley.support.ApiClient;
import org.parley.support.ParleySpringTest;
import org.parley.team.Role;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Push delay and memory with many agent UIs open, in real headless Chromium: {@code parley.bench.push.sessions}
 * (50) inbox UIs on one conversation — the measured one alone in its own browser (one visible tab), the others
 * as tabs of further browsers, ten per browser, each browser logged in as its own agent; every tab is a real
 * Vaadin UI with its own push WebSocket and live subscription. Measures (1) the server heap per open inbox
 * UI: used heap after GC with one UI, again with all, the difference divided by the added UIs; (2) the delay
 * from {@code POST /api/v1/inbound} until the message is in the measured timeline (a MutationObserver stamps
 * it; browser and JVM share the clock) while every UI receives the same pushes. Tag {@code benchmark}:
 * {@code ./mvnw verify -Pbench}.
 */
@ParleySpringTest
@Tag("benchmark")
@ExtendWith(BrowserAvailable.class)
class PushAndMemoryBenchmark {

    static final BenchMode MODE = BenchMode.current();
    static final int TABS_PER_BROWSER = 10;

    @LocalServerPort
    int port;
    @Autowired
    TeamDirectory team;
    @Autowired
    LiveBus bus;

    @Test
    void pushDelayAndHeapPerAgentUi() throws Exception {
        int sessions = MODE.size("parley.bench.push.sessions", 3, 50);
        int messages = MODE.size("parley.bench.push.messages", 10, 100);
        // the other UIs on the same conversation (every push redraws their timeline), or on their own queue
        // ("list": a new message of someone else's conversation only changes their counts)
        boolean othersOnList = "list".equals(System.getProperty("parley.bench.push.others-on", "conversation"));
        String run = UUID.randomUUID().toString().substring(0, 8);
        ApiClient api = new ApiClient(port, ParleySpringTest.TOKEN);
        String from = "push." + run + "@example.com";
        String conversationId = api.post("/api/v1/inbound", body(run, from, "start")).text("conversationId");
        List<WebDriver> browsers = new ArrayList<>();
        try {
            // the measured UI: its own browser with one visible tab
            WebDriver driver = login(browsers, run, 0);
            String inbox = "http://localhost:" + port + "/inbox/" + conversationId;
            open(driver, inbox);
            int subscriptionsWithOne = bus.subscriptionCount();
            long heapWithOne = usedHeapAfterGc();
            // the other UIs: tabs of further browsers, at most TABS_PER_BROWSER each (one browser opens only
            // a limited number of WebSockets per host; beyond it push falls back to long polling and starves)
            int opened = 1;
            for (int b = 1; opened < sessions; b++) {
                WebDriver other = login(browsers, run, b);
                for (int t = 0; t < TABS_PER_BROWSER && opened < sessions; t++, opened++) {
                    if (t > 0) {
                        other.switchTo().newWindow(WindowType.TAB);
                    }
                    if (othersOnList) {
                        openList(other, "http://localhost:" + port + "/inbox");
                    } else {
                        open(other, inbox);
                    }
                }
            }
            long heapWithAll = usedHeapAfterGc();
            int subscriptionsWithAll = bus.subscriptionCount();
            double kbPerUi = (heapWithAll - heapWithOne) / 1024.0 / Math.max(1, sessions - 1);

            Browser.stampTimelineArrivals(driver, "push");
            long[] sent = new long[messages];
            for (int k = 0; k < messages; k++) {
                sent[k] = System.currentTimeMillis();
                api.post("/api/v1/inbound", body(run, from, k + "-x"));
                Thread.sleep(250);
            }
            Map<?, ?> seen = Browser.awaitStamps(driver, messages, System.currentTimeMillis() + 30_000);
            List<Long> delays = new ArrayList<>();
            for (int k = 0; k < messages; k++) {
                if (seen.get(Integer.toString(k)) instanceof Number n) {
                    delays.add((n.longValue() - sent[k]) * 1_000_000);
                }
            }
            String note = sessions + " inbox UIs open (1 measured + tabs of " + (browsers.size() - 1)
                    + " more headless Chromiums, one agent login per browser, "
                    + (othersOnList ? "on their own queue" : "on the same conversation") + "), " + messages
                    + " messages 250 ms apart";
            List<Result> results = new ArrayList<>(BenchReport.latency("push-and-memory",
                    "ingest -> visible in the browser", Percentiles.ofNanos(delays.stream().mapToLong(Long::longValue)
                            .toArray()), delays.size() + "/" + messages + " seen; " + note));
            results.add(new Result("push-and-memory", "heap per open inbox UI", kbPerUi, "KB",
                    "used heap after GC, " + heapWithOne / 1_048_576 + " MB with 1 UI, " + heapWithAll / 1_048_576
                            + " MB with " + sessions + "; live subscriptions " + subscriptionsWithOne + " -> "
                            + subscriptionsWithAll));
            BenchReport.publish("push-and-memory", MODE.name().toLowerCase(), "h2", results);
            if (delays.size() < messages) {
                throw new AssertionError("only " + delays.size() + " of " + messages + " messages became visible");
            }
        } finally {
            browsers.forEach(WebDriver::quit);
        }
    }

    private WebDriver login(List<WebDriver> browsers, String run, int index) {
        String user = "push-" + index + "-" + run;
        team.createAgent(user, "Push Bench " + index, null, "correct-horse-battery", EnumSet.of(Role.AGENT));
        WebDriver driver = Browser.start();
        browsers.add(driver);
        Browser.signIn(driver, port, user, "correct-horse-battery");
        return driver;
    }

    private static void open(WebDriver driver, String inbox) {
        driver.get(inbox);
        new WebDriverWait(driver, Duration.ofSeconds(120))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "push-start"));
    }

    private static void openList(WebDriver driver, String inbox) {
        driver.get(inbox);
        new WebDriverWait(driver, Duration.ofSeconds(120))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("queue-mine")));
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(300);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static String body(String run, String from, String text) {
        return """
                {"channel": "EMAIL", "externalId": "<push-%s-%s@mail>", "from": {"type": "EMAIL", "value": "%s",
                 "name": "Pat Push"}, "subject": "Push %s", "text": "push-%s"}"""
                .formatted(text, run, from, run, text);
    }
}
