package org.parley.ui;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.server.VaadinSession;
import java.time.Instant;
import java.util.EnumSet;
import java.util.UUID;
import org.parley.base.Channel;
import org.parley.channel.InboundMessage;
import org.parley.channel.IngestResult;
import org.parley.channel.IngestionService;
import org.parley.team.Role;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Base of the browserless UI tests: the whole application on its own in-memory H2 database without
 * demo data, and fixture agents that exist before the first view is created (the browserless
 * environment navigates to the start page before a test method runs).
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:ui-${random.uuid};DB_CLOSE_DELAY=-1",
        "parley.demo.enabled=false"})
@Import(UiTest.Fixtures.class)
public abstract class UiTest extends SpringBrowserlessTest {

    /** An agent (role AGENT); use as {@code @WithMockUser(username = UiTest.AGENT, roles = "AGENT")}. */
    public static final String AGENT = "ui-agent";
    /** A second agent, e.g. an assignee other than the current user. */
    public static final String OTHER_AGENT = "ui-other";
    public static final String ADMIN = "ui-admin";

    @Autowired
    protected IngestionService ingestion;
    @Autowired
    protected TeamDirectory team;

    @TestConfiguration(proxyBeanMethods = false)
    static class Fixtures {

        @Bean
        ApplicationRunner uiTestAgents(TeamDirectory team) {
            return args -> {
                create(team, AGENT, "Una Agent", Role.AGENT);
                create(team, OTHER_AGENT, "Otto Other", Role.AGENT);
                create(team, ADMIN, "Ada Admin", Role.ADMIN);
            };
        }

        private static void create(TeamDirectory team, String username, String name, Role role) {
            if (team.findAgentByUsername(username).isEmpty()) {
                team.createAgent(username, name, username + "@parley.test", "secret-password", EnumSet.of(role));
            }
        }
    }

    protected UUID agentId(String username) {
        return team.findAgentByUsername(username).orElseThrow().getId();
    }

    protected IngestResult ingest(Channel channel, String from, String name, String subject, String text,
            Instant at) {
        return ingestion.ingest(new InboundMessage(channel, "ext-" + UUID.randomUUID(),
                new InboundMessage.Sender(channel, from, name), subject, text, null, null, null, null, at));
    }

    protected IngestResult ingest(Channel channel, String from, String name, String subject, String text) {
        return ingest(channel, from, name, subject, text, Instant.now());
    }

    /** A value unique to this test run, for names and identities that must not collide. */
    protected static String unique() {
        return Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()), 36);
    }

    /**
     * Runs the {@code ui.access()} tasks other threads queue (push updates) until the condition holds;
     * fails with {@code what} after 30 s (a loaded CI machine runs the after-commit work late).
     */
    protected static void awaitPush(String what, java.util.function.BooleanSupplier condition) {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(30);
        while (true) {
            runPendingAccessTasks();
            if (condition.getAsBoolean()) {
                return;
            }
            if (java.time.Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + " did not arrive");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Runs {@code ui.access()} tasks queued by other threads, e.g. push updates. */
    protected static void runPendingAccessTasks() {
        VaadinSession session = VaadinSession.getCurrent();
        session.getService().runPendingAccessTasks(session);
    }
}
