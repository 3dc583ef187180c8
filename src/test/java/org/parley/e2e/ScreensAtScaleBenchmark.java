package org.parley.e2e;

import com.sun.management.OperatingSystemMXBean;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinResponse;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinServletResponse;
import com.vaadin.flow.server.VaadinServletService;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.communication.JavaScriptBootstrapHandler;
import com.vaadin.flow.server.communication.PushConnection;
import com.vaadin.flow.server.communication.UidlWriter;
import com.vaadin.flow.spring.SpringServlet;
import jakarta.servlet.ServletContext;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
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
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A desk of {@code parley.bench.screens.count} (200) open inbox screens on one node, each its own agent, while
 * messages arrive at {@code parley.bench.screens.rate} (20) per second for {@code parley.bench.screens.seconds}
 * (300). Two CPU cores cannot run 200 browsers beside the server, so one real headless Chromium measures the
 * delay from {@code POST /api/v1/inbound} until the message shows in its timeline (a MutationObserver stamps
 * it; browser and JVM share the clock), and the other screens are real Vaadin UIs inside the server's JVM:
 * made by Vaadin's own bootstrap handler in a session of their own, navigated to the inbox by the router, bound
 * to the live bus like any screen, and pushed through a push connection that encodes every change as the UIDL
 * JSON a browser would be sent (only the socket write is missing). Every tenth message continues the measured
 * conversation (two a second), the others come from other customers (new conversations and follow-ups); a quarter of the
 * screens show the unassigned queue (their list changes with every message), a tenth the measured conversation,
 * the rest the agent's own queue. Reports ingest to visible (whole run and its last fifth, to show growth), the
 * heap per idle inbox screen, the server CPU per message with and without the screens and per screen, and the
 * pushes per screen and second. Tag {@code bench-suite}: smoke size in every {@code verify}, full size with
 * {@code -Pbench}.
 */
@ParleySpringTest
@Tag("bench-suite")
@ExtendWith(BrowserAvailable.class)
class ScreensAtScaleBenchmark {

    static final BenchMode MODE = BenchMode.current();
    static final String PASSWORD = "correct-horse-battery";
    /** Every how many messages one continues the measured conversation. */
    static final int MEASURED_EVERY = 10;

    @LocalServerPort
    int port;
    @Autowired
    TeamDirectory team;
    @Autowired
    LiveBus bus;
    @Autowired
    ServletRegistrationBean<SpringServlet> vaadinServlet;
    @Autowired
    ServletContext servletContext;

    /**
     * As the benchmark suite: H2 or, with {@code -Dparley.bench.database=mysql}, MariaDB; the search index on disk;
     * and Vaadin's screens as lean as in production mode.
     */
    @org.springframework.test.context.DynamicPropertySource
    static void database(org.springframework.test.context.DynamicPropertyRegistry registry) {
        org.parley.bench.BenchDatabase.mysqlIfAsked(registry, "parley_bench_screens");
        org.parley.bench.BenchDatabase.searchIndexOnDisk(registry);
        org.parley.bench.BenchDatabase.spineAsInProduction(registry);
        // as in production mode: development mode keeps the stack trace of every component's creation and attach
        // (Vaadin's component tracker, for the dev tools), over 1 MB per inbox screen
        registry.add("vaadin.devmode.componentTracker.enabled", () -> "false");
    }

    private final AtomicLong pushes = new AtomicLong();
    private final AtomicLong pushedBytes = new AtomicLong();
    /** When the text of message n was first pushed to an in-JVM screen, by n. */
    private final Map<Integer, Long> pushedAt = new java.util.concurrent.ConcurrentHashMap<>();
    /** The first push carrying each message's row (its snippet) to an in-JVM list screen. */
    private final Map<Integer, Long> listPushedAt = new java.util.concurrent.ConcurrentHashMap<>();

    @Test
    void ingestToVisibleWithManyScreensOpen() throws Exception {
        int screens = MODE.size("parley.bench.screens.count", 4, 200);
        int rate = MODE.size("parley.bench.screens.rate", 10, 20);
        int seconds = MODE.size("parley.bench.screens.seconds", 4, 300);
        int quietSeconds = MODE.size("parley.bench.screens.quiet-seconds", 2, 30);
        String run = UUID.randomUUID().toString().substring(0, 8);
        ApiClient api = new ApiClient(port, ParleySpringTest.TOKEN);
        String measuredFrom = "screens." + run + "@example.com";
        String conversationId = api.post("/api/v1/inbound", body(run, measuredFrom, "start", "start")).text("conversationId");

        org.openqa.selenium.chrome.ChromeDriver driver = Browser.start();
        // stamps, for each message, when a WebSocket message carrying its text arrived (before Vaadin applies it)
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                window.__arrived = {};
                window.__busy = 0;
                new PerformanceObserver(list => {
                  for (const e of list.getEntries()) { window.__busy += e.duration; }
                }).observe({type: 'longtask', buffered: true});
                const Native = window.WebSocket;
                window.WebSocket = function (...args) {
                  const socket = new Native(...args);
                  socket.addEventListener('message', e => {
                    if (typeof e.data !== 'string') { return; }
                    for (const m of e.data.matchAll(/screens-([0-9]+)-x/g)) {
                      if (!(m[1] in window.__arrived)) { window.__arrived[m[1]] = Date.now(); }
                    }
                  });
                  return socket;
                };
                window.WebSocket.prototype = Native.prototype;
                Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});"""));
        List<Screen> opened = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            team.createAgent("screens-0-" + run, "Screens Bench 0", null, PASSWORD, EnumSet.of(Role.AGENT));
            Browser.signIn(driver, port, "screens-0-" + run, PASSWORD);
            driver.get("http://localhost:" + port + "/inbox/" + conversationId);
            new WebDriverWait(driver, Duration.ofSeconds(120))
                    .until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "screens-start"));
            stampArrivals(driver);
            VaadinServletService service = (VaadinServletService) vaadinServlet.getServlet().getService();

            // the measured screen alone: the server's cost per message without the other screens
            int subscriptionsWithOne = bus.subscriptionCount();
            Phase alone = send(api, senders, run, measuredFrom, 0, quietSeconds, rate);
            long heapWithOne = usedHeapAfterGc();
            Map<String, long[]> histogramWithOne = histogram();

            long openingStarted = System.nanoTime();
            for (int i = 1; i <= screens; i++) {
                if (i % 25 == 0) {
                    System.out.printf("   %d screens open after %.1f s%n", i, (System.nanoTime() - openingStarted) / 1e9);
                }
                String user = "screens-" + i + "-" + run;
                team.createAgent(user, "Screens Bench " + i, null, PASSWORD, EnumSet.of(Role.AGENT));
                opened.add(Screen.open(service, servletContext, user, pushes, pushedBytes, pushedAt,
                        listPushedAt));
            }
            long heapWithAll = usedHeapAfterGc();
            Map<String, long[]> histogramWithAll = histogram();
            printGrowth(histogramWithOne, histogramWithAll, screens);
            int subscriptionsWithAll = bus.subscriptionCount();
            double kbPerScreen = (liveBytes(histogramWithAll) - liveBytes(histogramWithOne)) / 1024.0 / screens;
            for (int i = 0; i < opened.size(); i++) {
                if (i % 10 == 0) {
                    opened.get(i).navigate("inbox/" + conversationId);
                } else if (i % 4 == 1) {
                    opened.get(i).click("queue-unassigned");
                }
            }

            long pushesBefore = pushes.get();
            long bytesBefore = pushedBytes.get();
            int first = alone.sent();
            double busyBefore = ((Number) driver.executeScript("return window.__busy;")).doubleValue();
            Phase loaded = send(api, senders, run, measuredFrom, first, seconds, rate);
            double busy = ((Number) driver.executeScript("return window.__busy;")).doubleValue() - busyBefore;
            long pushCount = pushes.get() - pushesBefore;
            Map<?, ?> seen = awaitStamps(driver, first + loaded.sent(), System.currentTimeMillis() + 60_000);
            Map<?, ?> arrived = (Map<?, ?>) driver.executeScript("return window.__arrived;");

            List<Long> aloneDelays = delays(seen, alone, 0, alone.sent());
            List<Long> delays = delays(seen, loaded, 0, loaded.sent());
            List<Long> lastFifth = delays(seen, loaded, loaded.sent() * 4 / 5, loaded.sent());
            List<Long> acknowledged = delays(n -> loaded.answeredAt()[n - first], loaded, 0, loaded.sent());
            List<Long> pushed = delays(pushedAt::get, loaded, 0, loaded.sent());
            List<Long> listed = allDelays(listPushedAt::get, loaded);
            String note = screens + " in-JVM inbox screens (one agent each; " + (screens + 9) / 10
                    + " on the measured conversation, about a quarter on the unassigned queue) + 1 headless Chromium, "
                    + rate + " messages/s for " + seconds + " s, every " + MEASURED_EVERY + "th to the measured conversation";
            List<Result> results = new ArrayList<>();
            results.addAll(BenchReport.latency("screens-at-scale", "ingest -> visible, 1 screen open",
                    percentiles(aloneDelays), aloneDelays.size() + " seen; " + rate + " messages/s for "
                            + quietSeconds + " s"));
            results.addAll(BenchReport.latency("screens-at-scale", "ingest -> visible, " + screens + " screens open",
                    percentiles(delays), delays.size() + " seen; " + note));
            results.addAll(BenchReport.latency("screens-at-scale", "ingest -> 201", percentiles(acknowledged),
                    acknowledged.size() + " measured messages, " + screens + " screens open"));
            results.addAll(BenchReport.latency("screens-at-scale", "ingest -> pushed to an in-JVM screen",
                    percentiles(pushed), pushed.size() + " seen: the first push to an in-JVM screen on the measured"
                            + " conversation carrying the message (UIDL encoded, the socket write left out)"));
            results.addAll(BenchReport.latency("screens-at-scale", "ingest -> row pushed to an in-JVM list screen",
                    percentiles(listed), listed.size() + " of " + loaded.sent() + " messages seen: the first push to a"
                            + " list screen carrying the message's row (every message, not only the measured ones)"));
            List<Long> received = delays(arrived, loaded, 0, loaded.sent());
            results.addAll(BenchReport.latency("screens-at-scale", "ingest -> push received by the browser",
                    percentiles(received), received.size() + " seen: the WebSocket message carrying it arrived in"
                            + " Chromium, before Vaadin applied it"));
            results.addAll(BenchReport.latency("screens-at-scale", "ingest -> visible, last fifth of the run",
                    percentiles(lastFifth), lastFifth.size() + " seen (growth shows here)"));
            results.add(new Result("screens-at-scale", "heap per idle inbox screen", kbPerScreen, "KB",
                    "live objects by the JVM's class histogram (after a full GC), with 1 screen and with " + (screens + 1)
                            + ", each screen with its own agent session, over the added screens; used heap right"
                            + " after a full GC: " + heapWithOne / 1_048_576 + " -> " + heapWithAll / 1_048_576
                            + " MB; live subscriptions " + subscriptionsWithOne + " -> " + subscriptionsWithAll));
            double cpuAlone = alone.cpuMillisPerMessage();
            double cpuLoaded = loaded.cpuMillisPerMessage();
            results.add(new Result("screens-at-scale", "server CPU per message, 1 screen open", cpuAlone, "ms",
                    "process CPU time of the server JVM (ingest, routing, SLA, reports, search, live) / messages"));
            results.add(new Result("screens-at-scale", "server CPU per message, " + screens + " screens open",
                    cpuLoaded, "ms", "machine: " + Runtime.getRuntime().availableProcessors() + " cores; "
                            + "server JVM at " + Math.round(100 * loaded.cpuShare()) + " % of the machine"));
            results.add(new Result("screens-at-scale", "server CPU per message and screen",
                    1000 * (cpuLoaded - cpuAlone) / screens, "µs", "the difference of the two, over the screens"));
            results.add(new Result("screens-at-scale", "Chromium's main thread in long tasks", 100 * busy / 1000 / seconds,
                    "%", "of the loaded phase, tasks over 50 ms (PerformanceObserver 'longtask')"));
            results.add(new Result("screens-at-scale", "pushes per screen and second",
                    pushCount / (double) screens / seconds, "1/s", pushCount + " pushes, "
                            + (pushedBytes.get() - bytesBefore) / Math.max(1, pushCount) + " bytes of UIDL each on average"));
            BenchReport.publish("screens-at-scale", MODE.name().toLowerCase(),
                    System.getProperty("parley.bench.database", "h2"), results);
            if (delays.size() < loaded.measured()) {
                throw new AssertionError("only " + delays.size() + " of " + loaded.measured()
                        + " measured messages became visible");
            }
        } finally {
            senders.shutdownNow();
            opened.forEach(Screen::close);
            driver.quit();
        }
    }

    /** What one sending phase did: when each measured message was sent, and the CPU it cost the server. */
    private record Phase(int first, long[] sentAt, long[] answeredAt, int sent, long cpuNanos, long wallNanos) {

        int measured() {
            return (sent + MEASURED_EVERY - 1) / MEASURED_EVERY;
        }

        double cpuMillisPerMessage() {
            return cpuNanos / 1e6 / sent;
        }

        double cpuShare() {
            return cpuNanos / (double) wallNanos / Runtime.getRuntime().availableProcessors();
        }
    }

    /**
     * Sends {@code rate} messages a second for {@code seconds}, each from its own request thread at its own moment
     * (a slow answer does not delay the next); message {@code k}, counted from {@code first}, continues the
     * measured conversation when {@code k % MEASURED_EVERY == 0}.
     */
    private static Phase send(ApiClient api, ExecutorService senders, String run, String measuredFrom, int first,
            int seconds, int rate) throws Exception {
        int count = seconds * rate;
        long[] sentAt = new long[count];
        long[] answeredAt = new long[count];
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        long start = System.nanoTime();
        List<java.util.concurrent.Future<?>> answers = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            long due = start + k * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int n = first + k;
            int index = k;
            answers.add(senders.submit(() -> {
                sentAt[index] = System.currentTimeMillis();
                String from = n % MEASURED_EVERY == 0 ? measuredFrom : "other-" + (n % 97) + "." + run + "@example.com";
                api.post("/api/v1/inbound", body(run, from, "m" + n, n + "-x"));
                answeredAt[index] = System.currentTimeMillis();
                return null;
            }));
        }
        for (var answer : answers) {
            answer.get();
        }
        long wall = System.nanoTime() - start;
        return new Phase(first, sentAt, answeredAt, count, os.getProcessCpuTime() - cpuBefore, wall);
    }

    private static List<Long> delays(Map<?, ?> seen, Phase phase, int from, int to) {
        return delays(n -> seen.get(Integer.toString(n)) instanceof Number stamp ? stamp.longValue() : null, phase,
                from, to);
    }

    /** From sending each measured message of the phase to the moment {@code stamp} gives for its number. */
    private static List<Long> delays(java.util.function.IntFunction<Long> stamp, Phase phase, int from, int to) {
        List<Long> delays = new ArrayList<>();
        for (int k = from; k < to; k++) {
            int n = phase.first() + k;
            Long at = n % MEASURED_EVERY == 0 ? stamp.apply(n) : null;
            if (at != null) {
                delays.add((at - phase.sentAt()[k]) * 1_000_000);
            }
        }
        return delays;
    }

    /** From sending each message of the phase, measured or not, to the moment {@code stamp} gives for its number. */
    private static List<Long> allDelays(java.util.function.IntFunction<Long> stamp, Phase phase) {
        List<Long> delays = new ArrayList<>();
        for (int k = 0; k < phase.sent(); k++) {
            Long at = stamp.apply(phase.first() + k);
            if (at != null) {
                delays.add((at - phase.sentAt()[k]) * 1_000_000);
            }
        }
        return delays;
    }

    private static Percentiles percentiles(List<Long> delays) {
        return Percentiles.ofNanos(delays.stream().mapToLong(Long::longValue).toArray());
    }

    /** Stamps the moment each {@code screens-<n>-x} first shows in the timeline, looking only at added nodes. */
    private static void stampArrivals(WebDriver driver) {
        ((JavascriptExecutor) driver).executeScript("""
                window.__seen = {};
                const pattern = /screens-([0-9]+)-x/g;
                const timeline = document.getElementById('timeline');
                const stamp = text => {
                  for (const m of text.matchAll(pattern)) {
                    if (!(m[1] in window.__seen)) { window.__seen[m[1]] = Date.now(); }
                  }
                };
                new MutationObserver(records => {
                  for (const r of records) {
                    if (r.type === 'characterData') { stamp(r.target.textContent || ''); }
                    for (const n of r.addedNodes) { stamp(n.textContent || ''); }
                  }
                }).observe(timeline, {childList: true, subtree: true, characterData: true});""");
    }

    private static Map<?, ?> awaitStamps(WebDriver driver, int lastNumber, long deadlineMillis)
            throws InterruptedException {
        Map<?, ?> seen = Map.of();
        while (System.currentTimeMillis() < deadlineMillis) {
            seen = (Map<?, ?>) ((JavascriptExecutor) driver).executeScript("return window.__seen;");
            int expected = (lastNumber + MEASURED_EVERY - 1) / MEASURED_EVERY;
            if (seen.size() >= expected) {
                break;
            }
            Thread.sleep(200);
        }
        return seen;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed()); // at once: the desk goes on allocating
            Thread.sleep(200);
        }
        return used;
    }

    /** Instances and bytes by class of the live heap ({@code GC.class_histogram}). */
    private static Map<String, long[]> histogram() throws Exception {
        Map<String, long[]> classes = new java.util.HashMap<>();
        // in this JVM, through the diagnostic command MBean (jcmd attaching to its own JVM can stall it)
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        for (String line : text.split("\n")) {
            String[] cells = line.trim().split("\\s+");
            // "1:  instances  bytes  class-name (module@version)": JDK classes carry their module, others do not
            if (cells.length >= 4 && cells[0].endsWith(":")) {
                classes.put(cells[3], new long[] {Long.parseLong(cells[1]), Long.parseLong(cells[2])});
            }
        }
        return classes;
    }

    private static long liveBytes(Map<String, long[]> histogram) {
        return histogram.values().stream().mapToLong(v -> v[1]).sum();
    }

    /** With {@code -Dparley.bench.screens.histogram=true}: the classes whose heap grew most, per screen. */
    private static void printGrowth(Map<String, long[]> before, Map<String, long[]> after, int screens) {
        if (!Boolean.getBoolean("parley.bench.screens.histogram")) {
            return;
        }
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), new long[] {
                        e.getValue()[0] - before.getOrDefault(e.getKey(), new long[2])[0],
                        e.getValue()[1] - before.getOrDefault(e.getKey(), new long[2])[1]}))
                .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).limit(40)
                .forEach(e -> System.out.printf("   heap per screen %8.1f objects %9.0f bytes  %s%n",
                        e.getValue()[0] / (double) screens, e.getValue()[1] / (double) screens, e.getKey()));
    }

    private static String body(String run, String from, String externalSuffix, String text) {
        return """
                {"channel": "EMAIL", "externalId": "<screens-%s-%s@mail>", "from": {"type": "EMAIL", "value": "%s",
                 "name": "Sam Screens"}, "subject": "Screens %s", "text": "screens-%s"}"""
                .formatted(externalSuffix, run, from, run, text);
    }

    /**
     * One agent's screen inside the server's JVM: its own HTTP and Vaadin session, a UI made by Vaadin's bootstrap
     * handler (UI init listeners, push mode of the app shell, the security listeners), and a push connection that
     * encodes what changed as the browser would receive it.
     */
    private static final class Screen {

        private final VaadinSession session;
        private final UI ui;
        private final UsernamePasswordAuthenticationToken user;

        private Screen(VaadinSession session, UI ui, UsernamePasswordAuthenticationToken user) {
            this.session = session;
            this.ui = ui;
            this.user = user;
        }

        static Screen open(VaadinServletService service, ServletContext context, String username, AtomicLong pushes,
                AtomicLong bytes, Map<Integer, Long> pushedAt, Map<Integer, Long> listPushedAt) {
            var user = UsernamePasswordAuthenticationToken.authenticated(username, null,
                    List.of(new SimpleGrantedAuthority("ROLE_AGENT")));
            MockHttpServletRequest http = new MockHttpServletRequest(context, "GET", "/");
            http.setSession(new MockHttpSession(context));
            http.setUserPrincipal(user);
            http.addUserRole("AGENT");
            http.setParameter("v-r", "init");
            http.setParameter("location", "inbox");
            VaadinServletRequest request = new VaadinServletRequest(http, service);
            VaadinServletResponse response = new VaadinServletResponse(new MockHttpServletResponse(), service);
            return asUser(user, () -> {
                service.setCurrentInstances(request, response);
                try {
                    VaadinSession session = service.findVaadinSession(request);
                    session.lock();
                    try {
                        UI ui = new Bootstrap().createUi(request, response, session);
                        ui.getInternals().setPushConnection(new EncodingPushConnection(ui, pushes, bytes, pushedAt,
                                listPushedAt));
                        ui.navigate("inbox");
                        // what the first response carries to the browser; pushes send only what changed since
                        new UidlWriter().createUidl(ui, false);
                        return new Screen(session, ui, user);
                    } finally {
                        session.unlock();
                    }
                } catch (com.vaadin.flow.server.SessionExpiredException e) {
                    throw new IllegalStateException(e);
                } finally {
                    com.vaadin.flow.internal.CurrentInstance.clearAll();
                }
            });
        }

        void navigate(String location) {
            access(() -> ui.navigate(location));
        }

        void click(String buttonId) {
            access(() -> find(ui, buttonId).filter(Button.class::isInstance).map(Button.class::cast)
                    .orElseThrow(() -> new AssertionError("no button " + buttonId)).click());
        }

        void close() {
            access(() -> session.removeUI(ui));
        }

        private void access(Runnable action) {
            asUser(user, () -> {
                try {
                    ui.access(action::run).get(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return null;
            });
        }

        private static Optional<Component> find(Component root, String id) {
            if (root.getId().filter(id::equals).isPresent()) {
                return Optional.of(root);
            }
            return root.getChildren().map(child -> find(child, id)).flatMap(Optional::stream).findFirst();
        }

        private static <T> T asUser(UsernamePasswordAuthenticationToken user, java.util.function.Supplier<T> work) {
            var previous = SecurityContextHolder.getContext();
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(user);
            SecurityContextHolder.setContext(context);
            try {
                return work.get();
            } finally {
                SecurityContextHolder.setContext(previous);
            }
        }
    }

    /** Vaadin's own bootstrap of a UI, as for a browser's first request. */
    private static final class Bootstrap extends JavaScriptBootstrapHandler {

        UI createUi(VaadinRequest request, VaadinResponse response, VaadinSession session) {
            return createAndInitUI(UI.class, request, response, session).getUI();
        }
    }

    /** Pushes as Vaadin's push connection does, up to the socket: the changes are collected and encoded as JSON. */
    private static final class EncodingPushConnection implements PushConnection {

        private static final java.util.regex.Pattern MESSAGE_TEXT = java.util.regex.Pattern.compile("screens-([0-9]+)-x");

        private final UI ui;
        private final AtomicLong pushes;
        private final AtomicLong bytes;
        private final Map<Integer, Long> pushedAt;
        private final Map<Integer, Long> listPushedAt;

        EncodingPushConnection(UI ui, AtomicLong pushes, AtomicLong bytes, Map<Integer, Long> pushedAt,
                Map<Integer, Long> listPushedAt) {
            this.ui = ui;
            this.pushes = pushes;
            this.bytes = bytes;
            this.pushedAt = pushedAt;
            this.listPushedAt = listPushedAt;
        }

        @Override
        public void push() {
            String message = new UidlWriter().createUidl(ui, true).toString();
            pushes.incrementAndGet();
            bytes.addAndGet(message.length());
            long now = System.currentTimeMillis();
            java.util.regex.Matcher texts = MESSAGE_TEXT.matcher(message);
            // the screens showing the measured conversation (its timeline), not a list with the message's snippet
            String path = ui.getInternals().getActiveViewLocation().getPath();
            Map<Integer, Long> stamps = path.startsWith("inbox/") ? pushedAt : path.equals("inbox") ? listPushedAt : null;
            while (stamps != null && texts.find()) {
                stamps.putIfAbsent(Integer.parseInt(texts.group(1)), now);
            }
        }

        @Override
        public void disconnect() {
        }

        @Override
        public boolean isConnected() {
            return true;
        }
    }
}
