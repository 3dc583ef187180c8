package org.parley.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.base.events.SpineProgress;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.ConversationService;
import org.parley.conversation.Snoozes;
import org.parley.customer.CustomerDirectory;
import org.parley.support.Inbound;
import org.parley.support.MutableClock;
import org.parley.support.ParleySpringTest;
import org.parley.support.TestClockConfig;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A snoozed conversation's SLA clock follows the policy's pause rule for waiting on the customer: the resolution
 * clock pauses while it is snoozed (as while PENDING), keeps the business time used so far, and runs on when it
 * wakes. (Same context as {@link SlaClocksTest}: a clock the test moves, no sweep.)
 */
@ParleySpringTest
@Import(TestClockConfig.class)
@TestPropertySource(properties = "parley.sla.sweep-enabled=false")
class SnoozePausesTheSlaTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Autowired
    MutableClock clock;
    @Autowired
    SlaAdministration admin;
    @Autowired
    SlaClocks clocks;
    @Autowired
    Snoozes snoozes;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    CustomerDirectory customers;
    @Autowired
    ConversationService conversations;
    @Autowired
    SpineProgress spine;

    String run;
    UUID policyId;

    static Instant berlin(String text) {
        return LocalDateTime.parse(text).atZone(BERLIN).toInstant();
    }

    @BeforeEach
    void setUp() {
        run = UUID.randomUUID().toString().substring(0, 8);
        var calendar = admin.createCalendar(new CalendarSpec("Snooze office " + run, "Europe/Berlin", false,
                BusinessHoursTest.weekdays("09:00", "17:00"), List.of()));
        policyId = admin.createPolicy(new PolicySpec("Snooze policy " + run, calendar.id(), List.of(
                new PolicySpec.Target("NORMAL", null, null, 240)), 50, 150)).id();
    }

    @Test
    void theResolutionClockPausesWhileSnoozedAndRunsOnWhenTheCustomerWakesIt() {
        clock.set(berlin("2030-11-18T10:00")); // a Monday
        UUID id = customerWrites("My order is late");
        clocks.applyPolicy(Viewer.SLA, id, policyId);
        assertThat(resolution(id).status()).isEqualTo("RUNNING");
        assertThat(resolution(id).dueAt()).isEqualTo(berlin("2030-11-18T14:00"));

        clock.set(berlin("2030-11-18T11:00")); // 60 of 240 business minutes used
        snoozes.snooze(Viewer.SYSTEM, id, null, true);
        settle();
        assertThat(resolution(id).status()).isEqualTo("PAUSED");
        assertThat(resolution(id).dueAt()).isNull();

        clock.set(berlin("2030-11-18T13:00")); // two hours asleep count nothing
        assertThat(customerWrites("Any news?")).isEqualTo(id);
        settle();
        assertThat(conversations.get(Viewer.SYSTEM, id).snoozed()).isFalse();
        assertThat(resolution(id).status()).isEqualTo("RUNNING");
        assertThat(resolution(id).dueAt()).as("180 minutes left from 13:00").isEqualTo(berlin("2030-11-18T16:00"));

        // a snooze until a time pauses it the same way, and the wake round resumes it (a Monday years ahead, which
        // no other test's clock reaches)
        clock.set(berlin("2030-11-18T14:00"));
        snoozes.snooze(Viewer.SYSTEM, id, berlin("2039-11-21T09:00"), false);
        settle();
        assertThat(resolution(id).status()).isEqualTo("PAUSED");
        clock.set(berlin("2039-11-21T09:00"));
        snoozes.wakeDue(Viewer.SYSTEM, clock.instant(), 1000);
        settle();
        assertThat(conversations.get(Viewer.SYSTEM, id).snoozed()).isFalse();
        assertThat(resolution(id).status()).isEqualTo("RUNNING");
        assertThat(resolution(id).dueAt()).as("120 minutes left from 9:00 on the day it woke")
                .isEqualTo(berlin("2039-11-21T11:00"));
    }

    private UUID customerWrites(String text) {
        return Inbound.write(transactions, customers, conversations, "sam." + run + "@example.com", "Order " + run,
                text, "thread-" + run, clock.instant());
    }

    private void settle() {
        assertThat(spine.awaitApplied("sla", Duration.ofSeconds(60))).isTrue();
    }

    private SlaState.TargetState resolution(UUID id) {
        return clocks.state(Viewer.SLA, id).orElseThrow().targets().stream()
                .filter(t -> t.target().equals(SlaTarget.RESOLUTION.name())).findFirst().orElseThrow();
    }
}
