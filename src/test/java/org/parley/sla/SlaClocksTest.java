package org.parley.sla;

import org.parley.conversation.ConversationAccess.Viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.base.Channel;
import org.parley.base.NotFoundException;
import org.parley.support.ApiClient;
import org.parley.support.Inbound;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationStatus;
import org.parley.conversation.Direction;
import org.parley.conversation.Priority;
import org.parley.support.MutableClock;
import org.parley.support.ParleySpringTest;
import org.parley.support.TestClockConfig;
import org.parley.team.Role;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.parley.support.SpineEvents;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/** SLA clocks against business time with a clock the test moves; the sweep is called by hand. */
@ParleySpringTest
@Import(TestClockConfig.class)
@TestPropertySource(properties = "parley.sla.sweep-enabled=false")
class SlaClocksTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Autowired
    MutableClock clock;
    @Autowired
    SlaAdministration admin;
    @Autowired
    SlaClocks clocks;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;
    @Autowired
    org.parley.customer.CustomerDirectory customers;
    @Autowired
    ConversationService conversations;
    @Autowired
    TeamDirectory team;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    org.parley.base.events.SpineProgress spine;

    @Autowired
    JsonMapper json;
    @Autowired
    org.parley.conversation.ConversationAccess access;
    @Autowired
    org.parley.audit.AuditTrail audit;
    @Autowired
    org.parley.security.ApiTokenService tokens;
    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    String run;
    UUID policyId;

    static Instant berlin(String text) {
        return LocalDateTime.parse(text).atZone(BERLIN).toInstant();
    }

    @BeforeEach
    void setUp() {
        run = UUID.randomUUID().toString().substring(0, 8);
        var calendar = admin.createCalendar(new CalendarSpec("Office " + run, "Europe/Berlin", false,
                BusinessHoursTest.weekdays("09:00", "17:00"), List.of("2030-11-22")));
        policyId = admin.createPolicy(new PolicySpec("Standard " + run, calendar.id(), List.of(
                new PolicySpec.Target("NORMAL", 60, 30, 240),
                new PolicySpec.Target("HIGH", 60, 30, 240),
                new PolicySpec.Target("URGENT", 15, 10, 120)), 50, 150)).id();
    }

    UUID customerWrites(String text, Instant at) {
        return Inbound.write(transactions, customers, conversations, "ann." + run + "@example.com", "Invoice " + run,
                text, "thread-" + run, at);
    }

    /** Sweeps (other tests' clocks too) and answers how many escalations the conversation got. */
    int sweep(UUID conversationId) {
        int before = clocks.state(Viewer.SLA, conversationId).orElseThrow().escalations().size();
        assertThat(spine.awaitApplied("sla", java.time.Duration.ofSeconds(60))).isTrue(); // the sweep skips a clock the SLA subscriber holds
        clocks.sweep(Viewer.SLA, 1000);
        return clocks.state(Viewer.SLA, conversationId).orElseThrow().escalations().size() - before;
    }

    SlaState.TargetState target(UUID conversationId, SlaTarget target) {
        return clocks.state(Viewer.SLA, conversationId).orElseThrow().targets().stream()
                .filter(t -> t.target().equals(target.name())).findFirst().orElseThrow();
    }

    @Test
    void warningAndBreachFireOnceAtTheRightBusinessTimeThenPauseAndRecompute() {
        clock.set(berlin("2030-11-18T16:30"));
        UUID id = customerWrites("Where is my invoice?", clock.instant());
        clocks.applyPolicy(Viewer.SLA, id, policyId);

        // 60 business minutes from Monday 16:30: 30 today, 30 on Tuesday morning
        assertThat(target(id, SlaTarget.FIRST_RESPONSE).dueAt()).isEqualTo(berlin("2030-11-19T09:30"));
        assertThat(target(id, SlaTarget.RESOLUTION).dueAt()).isEqualTo(berlin("2030-11-19T12:30"));
        assertThat(target(id, SlaTarget.NEXT_RESPONSE).status()).isEqualTo("NOT_STARTED");

        clock.set(berlin("2030-11-18T16:59:59"));
        assertThat(sweep(id)).isZero();
        clock.set(berlin("2030-11-18T17:00")); // 50 % of the first response target
        assertThat(sweep(id)).isEqualTo(1);
        assertThat(sweep(id)).isZero();
        clock.set(berlin("2030-11-19T08:00")); // the night does not count
        assertThat(sweep(id)).isZero();
        assertThat(clocks.state(Viewer.SLA, id).orElseThrow().escalationLevel()).isEqualTo("WARNING");

        clock.set(berlin("2030-11-19T09:30"));
        assertThat(sweep(id)).isEqualTo(1);
        assertThat(sweep(id)).isZero();
        SlaState state = clocks.state(Viewer.SLA, id).orElseThrow();
        assertThat(state.escalationLevel()).isEqualTo("BREACH");
        assertThat(state.breaches()).extracting(SlaState.Breach::target).containsExactly("FIRST_RESPONSE");
        assertThat(state.escalations()).extracting(SlaState.Escalation::level).containsExactly("WARNING", "BREACH");
        assertThat(conversations.get(Viewer.SYSTEM, id).priority()).isEqualTo(Priority.HIGH); // raised one step
        assertThat(SpineEvents.of(jdbc, json, EscalationRaised.class).stream().filter(e -> e.conversationId().equals(id))
                .map(EscalationRaised::level)).containsExactly(EscalationLevel.WARNING, EscalationLevel.BREACH);
        assertThat(conversations.messages(Viewer.SYSTEM, id)).filteredOn(m -> m.direction() == Direction.NOTE)
                .extracting(m -> m.authorName()).containsOnly("SLA").hasSize(2);
        assertThat(clocks.escalationQueue(new org.parley.conversation.ConversationAccess.Viewer(null, true, Set.of()), null)).extracting(SlaClocks.QueueEntry::conversationId).contains(id);

        // 09:40 an agent answers: first response met, conversation PENDING, resolution clock paused at 70 minutes
        clock.set(berlin("2030-11-19T09:40"));
        UUID agent = team.createAgent("agent-" + run, "Agent " + run, null, "password-123", Set.of(Role.AGENT)).getId();
        conversations.replyAt(Viewer.SYSTEM, id, agent, null, "We are on it", false, clock.instant());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(target(id, SlaTarget.FIRST_RESPONSE).status()).isEqualTo("MET");
            assertThat(target(id, SlaTarget.RESOLUTION).status()).isEqualTo("PAUSED");
        });
        assertThat(clocks.state(Viewer.SLA, id).orElseThrow().escalationLevel()).isNull(); // nothing running is overdue

        // time passes while the customer is away: nothing fires (the 2nd level of the met first response neither)
        clock.set(berlin("2030-11-20T12:00"));
        assertThat(sweep(id)).isZero();

        // Wednesday 12:00 the customer answers: next response starts, resolution resumes with 170 minutes left
        customerWrites("Still nothing", clock.instant());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(target(id, SlaTarget.NEXT_RESPONSE).dueAt()).isEqualTo(berlin("2030-11-20T12:30"));
            assertThat(target(id, SlaTarget.RESOLUTION).dueAt()).isEqualTo(berlin("2030-11-20T14:50"));
        });
        assertThat(conversations.get(Viewer.SYSTEM, id).status()).isEqualTo(ConversationStatus.OPEN);

        // priority URGENT: targets recomputed (10 minutes next response; 120 - 70 = 50 minutes resolution)
        conversations.setPriority(Viewer.SYSTEM, id, Priority.URGENT);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(target(id, SlaTarget.NEXT_RESPONSE).dueAt()).isEqualTo(berlin("2030-11-20T12:10"));
            assertThat(target(id, SlaTarget.RESOLUTION).dueAt()).isEqualTo(berlin("2030-11-20T12:50"));
        });

        // Friday is a holiday of this calendar: resolving stops every clock
        conversations.setStatus(Viewer.SYSTEM, id, ConversationStatus.RESOLVED);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(target(id, SlaTarget.RESOLUTION).status()).isEqualTo("STOPPED"));
        clock.set(berlin("2030-11-25T12:00"));
        assertThat(sweep(id)).isZero();
        assertThat(clocks.state(Viewer.SLA, id).orElseThrow().escalations()).hasSize(2);
    }

    /** Which of many conversations breached a target: for each what its state says, for all at once. */
    @Test
    void breachedAnswersForManyConversationsWhatTheStateOfEachSays() {
        clock.set(berlin("2030-11-18T10:00"));
        UUID breached = Inbound.write(transactions, customers, conversations, "b." + run + "@example.com",
                "Breached " + run, "Help", "breached-" + run, clock.instant());
        clocks.applyPolicy(Viewer.SLA, breached, policyId);
        UUID unpoliced = Inbound.write(transactions, customers, conversations, "u." + run + "@example.com",
                "No policy " + run, "Help", "unpoliced-" + run, clock.instant());
        clock.set(berlin("2030-11-18T10:30"));
        UUID warned = Inbound.write(transactions, customers, conversations, "w." + run + "@example.com",
                "Warned " + run, "Help", "warned-" + run, clock.instant());
        clocks.applyPolicy(Viewer.SLA, warned, policyId);
        var alpha = team.createTeam("Alpha " + run, null);
        conversations.moveToTeam(Viewer.SYSTEM, breached, alpha.getId());
        clock.set(berlin("2030-11-18T11:00")); // the first's breach, the second's warning only
        assertThat(spine.awaitApplied("sla", java.time.Duration.ofSeconds(60))).isTrue();
        clocks.sweep(Viewer.SLA, 1000);
        UUID outsider = team.createAgent("far-" + run, "Far " + run, null, "password-123", Set.of(Role.AGENT))
                .getId();
        List<UUID> ids = List.of(warned, UUID.randomUUID(), breached, unpoliced);

        for (Viewer viewer : List.of(Viewer.SLA, access.viewerOf(outsider))) {
            Set<UUID> one = new java.util.HashSet<>();
            for (UUID id : ids) {
                if (clocks.state(viewer, id).map(s -> !s.breaches().isEmpty()).orElse(false)) {
                    one.add(id);
                }
            }
            assertThat(clocks.breached(viewer, ids)).as("%s", viewer).isEqualTo(one);
        }
        assertThat(clocks.breached(Viewer.SLA, ids)).containsExactly(breached);
        assertThat(clocks.breached(access.viewerOf(outsider), ids)).as("of a team not theirs").isEmpty();
        assertThat(clocks.breached(Viewer.SLA, List.of())).isEmpty();
    }

    @Test
    void anEscalationIsAcknowledgedOnceWithWhoAndWhen() {
        clock.set(berlin("2030-11-18T10:00"));
        UUID id = customerWrites("Help", clock.instant());
        clocks.applyPolicy(Viewer.SLA, id, policyId);
        clock.set(berlin("2030-11-18T11:00"));
        assertThat(sweep(id)).isEqualTo(2); // warning and breach fall due together
        UUID lead = team.createAgent("lead-" + run, "Lead " + run, null, "password-123", Set.of(Role.LEAD)).getId();
        UUID breach = clocks.state(Viewer.SLA, id).orElseThrow().escalations().stream().filter(e -> e.level().equals("BREACH"))
                .findFirst().orElseThrow().id();

        clocks.acknowledge(access.viewerOf(lead), breach);

        SlaState.Escalation acknowledged = clocks.state(Viewer.SLA, id).orElseThrow().escalations().stream()
                .filter(e -> e.id().equals(breach)).findFirst().orElseThrow();
        assertThat(acknowledged.acknowledgedBy()).isEqualTo(lead);
        assertThat(acknowledged.acknowledgedAt()).isEqualTo(berlin("2030-11-18T11:00"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> clocks.acknowledge(access.viewerOf(lead), breach))
                .hasMessageContaining("acknowledged already");
    }

    /**
     * An agent who cannot see a conversation cannot see or act on its escalations either: acknowledging one
     * answers exactly like an escalation that does not exist — before and after someone acknowledged it —
     * leaves no note and no audit row, and the queue leaves it out. In the service and over REST.
     */
    @Test
    void anEscalationOfAHiddenConversationIsNotFoundLikeAMissingOne() {
        clock.set(berlin("2030-11-18T10:00"));
        UUID id = customerWrites("Hidden help", clock.instant());
        var alpha = team.createTeam("Alpha " + run, null);
        var beta = team.createTeam("Beta " + run, null);
        conversations.moveToTeam(Viewer.SYSTEM, id, alpha.getId());
        clocks.applyPolicy(Viewer.SLA, id, policyId);
        clock.set(berlin("2030-11-18T11:00"));
        assertThat(spine.awaitApplied("sla", java.time.Duration.ofSeconds(60))).isTrue();
        clocks.sweep(Viewer.SLA, 1000);
        UUID breach = clocks.state(Viewer.SLA, id).orElseThrow().escalations().stream().filter(e -> e.level().equals("BREACH"))
                .findFirst().orElseThrow().id();
        UUID outsider = team.createAgent("out-" + run, "Outsider " + run, null, "password-123", Set.of(Role.AGENT))
                .getId();
        team.addMember(beta.getId(), outsider, false);
        UUID insider = team.createAgent("in-" + run, "Insider " + run, null, "password-123", Set.of(Role.LEAD))
                .getId();
        team.addMember(alpha.getId(), insider, true);
        int notes = conversations.messages(Viewer.SYSTEM, id).size();
        long audits = audit.forSubject(id).size();
        ApiClient outsiderApi = new ApiClient(port, tokens.create("out " + run, outsider).token());
        UUID missing = UUID.randomUUID();

        // service
        var hiddenError = org.assertj.core.api.Assertions.catchThrowable(
                () -> clocks.acknowledge(access.viewerOf(outsider), breach));
        var missingError = org.assertj.core.api.Assertions.catchThrowable(
                () -> clocks.acknowledge(access.viewerOf(outsider), missing));
        assertThat(hiddenError).isInstanceOf(NotFoundException.class)
                .hasMessage(missingError.getMessage().replace(missing.toString(), breach.toString()));
        assertThat(clocks.escalationQueue(access.viewerOf(outsider), null)).extracting(SlaClocks.QueueEntry::conversationId)
                .doesNotContain(id);
        assertThat(clocks.escalationQueue(access.viewerOf(insider), Set.of(alpha.getId())))
                .extracting(SlaClocks.QueueEntry::conversationId).contains(id);

        // REST: 404 with the same body as for a missing id
        ApiClient.Response hidden = outsiderApi.post("/api/v1/sla/escalations/" + breach + "/acknowledge", "");
        ApiClient.Response absent = outsiderApi.post("/api/v1/sla/escalations/" + missing + "/acknowledge", "");
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(absent.status()).isEqualTo(404);
        assertThat(hidden.body().replace(breach.toString(), "ID")).isEqualTo(absent.body().replace(missing.toString(), "ID"));
        assertThat(clocks.state(Viewer.SLA, id).orElseThrow().escalations()).filteredOn(e -> e.id().equals(breach))
                .singleElement().satisfies(e -> assertThat(e.acknowledgedAt()).isNull());
        assertThat(conversations.messages(Viewer.SYSTEM, id)).hasSize(notes);
        assertThat(audit.forSubject(id)).hasSize((int) audits);

        // someone who sees it acknowledges; the outsider still gets 404, not "acknowledged already"
        clocks.acknowledge(access.viewerOf(insider), breach);
        assertThat(outsiderApi.post("/api/v1/sla/escalations/" + breach + "/acknowledge", "").status()).isEqualTo(404);
    }

    /**
     * The SLA subscriber's batch: steps of several conversations at once move each clock as one step at a time
     * would, and a conversation without a clock is passed over; the report facts read the same states in bulk.
     */
    @Test
    void aBatchOfStepsMovesEachClockAndStatesReadTogetherMatchTheStateOfEach() {
        clock.set(berlin("2030-11-18T10:00"));
        UUID answered = Inbound.write(transactions, customers, conversations, "a." + run + "@example.com",
                "Answered " + run, "Help", "answered-" + run, clock.instant());
        clocks.applyPolicy(Viewer.SLA, answered, policyId);
        UUID waiting = Inbound.write(transactions, customers, conversations, "w." + run + "@example.com",
                "Waiting " + run, "Help", "waiting-" + run, clock.instant());
        clocks.applyPolicy(Viewer.SLA, waiting, policyId);
        UUID unpoliced = Inbound.write(transactions, customers, conversations, "u." + run + "@example.com",
                "No policy " + run, "Help", "unpoliced-" + run, clock.instant());
        UUID agent = team.createAgent("batch-" + run, "Batch " + run, null, "password-123", Set.of(Role.AGENT)).getId();
        clock.set(berlin("2030-11-18T10:10"));
        conversations.replyAt(Viewer.SYSTEM, answered, agent, null, "On it", false, clock.instant());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(target(answered, SlaTarget.FIRST_RESPONSE).status()).isEqualTo("MET"));
        assertThat(spine.awaitApplied("sla", Duration.ofSeconds(60))).isTrue();

        clock.set(berlin("2030-11-18T11:00"));
        // a due time lost meanwhile: only a recompute of this clock puts it back
        java.nio.ByteBuffer id = java.nio.ByteBuffer.allocate(16).putLong(waiting.getMostSignificantBits())
                .putLong(waiting.getLeastSignificantBits());
        assertThat(jdbc.update("UPDATE sla_clock SET first_response_due_at = NULL WHERE conversation_id = ?",
                (Object) id.array())).isEqualTo(1);
        // the customer of the answered one writes again at 11:00; the other was changed; one has no clock
        clocks.follow(Viewer.SLA, List.of(SlaClocks.ClockStep.customerMessage(answered, clock.instant()),
                SlaClocks.ClockStep.changed(waiting), SlaClocks.ClockStep.changed(unpoliced),
                SlaClocks.ClockStep.changed(UUID.randomUUID())));

        assertThat(target(answered, SlaTarget.NEXT_RESPONSE).dueAt()).isEqualTo(berlin("2030-11-18T11:30"));
        assertThat(target(waiting, SlaTarget.FIRST_RESPONSE).dueAt()).isEqualTo(berlin("2030-11-18T11:00"));
        assertThat(clocks.state(Viewer.SLA, unpoliced)).isEmpty();

        assertThat(clocks.states(Viewer.SLA, List.of(answered, waiting, unpoliced))).containsOnly(
                java.util.Map.entry(answered, clocks.state(Viewer.SLA, answered).orElseThrow()),
                java.util.Map.entry(waiting, clocks.state(Viewer.SLA, waiting).orElseThrow()));
        assertThatThrownBy(() -> clocks.states(new Viewer(agent, false, Set.of()), List.of(answered)))
                .hasMessageContaining("only Parley itself may");
    }
}
