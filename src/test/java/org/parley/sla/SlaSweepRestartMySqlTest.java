package org.parley.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.parley.ParleyApplication;
import org.parley.base.Channel;
import org.parley.channel.InboundMessage;
import org.parley.channel.IngestionService;
import org.parley.support.MySqlAvailable;
import org.parley.support.MySqlTest;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Timers survive a restart: a clock that fell due while no node was sweeping is escalated right
 * after the next start, every level exactly once, on MariaDB/MySQL with the clustered Quartz store.
 */
@MySqlTest
class SlaSweepRestartMySqlTest {

    static ConfigurableApplicationContext start(boolean sweep) {
        // command-line arguments: they override application.yml (builder properties would not)
        return new SpringApplicationBuilder(ParleyApplication.class).run(
                "--spring.datasource.url=" + MySqlAvailable.databaseUrl(),
                "--spring.datasource.username=" + MySqlAvailable.user(),
                "--spring.datasource.password=" + MySqlAvailable.password(),
                "--server.port=0",
                "--parley.demo.enabled=false",
                "--parley.sla.sweep-enabled=" + sweep,
                "--parley.sla.sweep-interval=1s",
                // Quartz keeps JDBC connection providers in a JVM-wide registry keyed by scheduler name: other
                // test contexts in this JVM must not share the name (production runs one context per JVM)
                "--spring.quartz.scheduler-name=parley-restart-test");
    }

    @Test
    void aClockThatFellDueWhileDownIsEscalatedOnceAfterStartUp() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        UUID conversationId;
        try (ConfigurableApplicationContext first = start(false)) {
            SlaAdministration admin = first.getBean(SlaAdministration.class);
            var calendar = admin.createCalendar(new CalendarSpec("Restart " + run, "UTC", true, List.of(), List.of()));
            UUID policy = admin.createPolicy(new PolicySpec("Restart " + run, calendar.id(),
                    List.of(new PolicySpec.Target("NORMAL", 60, null, null), new PolicySpec.Target("HIGH", 60, null, null)),
                    50, 150)).id();
            // the customer wrote two hours ago: warning (30 min), breach (60) and second level (90) are all overdue
            conversationId = first.getBean(IngestionService.class).ingest(new InboundMessage(Channel.EMAIL,
                    "restart-" + run, new InboundMessage.Sender(Channel.EMAIL, "r." + run + "@example.com", "R"),
                    "Restart " + run, "anyone there?", null, null, List.of(), null,
                    Instant.now().minus(Duration.ofHours(2)))).conversationId();
            first.getBean(SlaClocks.class).applyPolicy(org.parley.conversation.ConversationAccess.Viewer.SLA, conversationId, policy);
            assertThat(first.getBean(SlaClocks.class).state(org.parley.conversation.ConversationAccess.Viewer.SLA, conversationId).orElseThrow().escalations()).isEmpty();
        }

        try (ConfigurableApplicationContext second = start(true)) {
            SlaClocks clocks = second.getBean(SlaClocks.class);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(clocks.state(org.parley.conversation.ConversationAccess.Viewer.SLA, conversationId).orElseThrow().escalations())
                            .extracting(SlaState.Escalation::level)
                            .containsExactlyInAnyOrder("WARNING", "BREACH", "SECOND_LEVEL"));
            // further sweeps (every second) raise nothing more
            await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(clocks.state(org.parley.conversation.ConversationAccess.Viewer.SLA, conversationId).orElseThrow().escalations()).hasSize(3));
            assertThat(clocks.state(org.parley.conversation.ConversationAccess.Viewer.SLA, conversationId).orElseThrow().escalationLevel()).isEqualTo("SECOND_LEVEL");
        }
    }
}
