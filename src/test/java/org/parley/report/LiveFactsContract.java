package org.parley.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.base.Channel;
import org.parley.base.events.DomainEvent;
import org.parley.base.events.SpineProgress;
import org.parley.base.persistence.DatabaseVendor;
import org.parley.conversation.AgentReplied;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationStatus;
import org.parley.conversation.ConversationView;
import org.parley.conversation.Direction;
import org.parley.conversation.MessageReceived;
import org.parley.conversation.MessageView;
import org.parley.conversation.Origin;
import org.parley.conversation.Priority;
import org.parley.customer.CustomerDirectory;
import org.parley.sla.CalendarSpec;
import org.parley.sla.PolicySpec;
import org.parley.sla.SlaAdministration;
import org.parley.sla.SlaClocks;
import org.parley.sla.SlaState;
import org.parley.support.Inbound;
import org.parley.support.MutableClock;
import org.parley.team.Role;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The live path of the report facts: each event is one step on the conversation's stored replay state, no
 * message is read again, and the result is what a recompute from all messages gives. Subclasses run it on H2
 * and on MySQL/MariaDB (with the same configuration as {@link ReportFactsContract}, so the contexts are shared).
 */
abstract class LiveFactsContract {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Autowired
    MutableClock clock;
    @Autowired
    SlaAdministration slaAdmin;
    @Autowired
    SlaClocks slaClocks;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    CustomerDirectory customers;
    @Autowired
    ConversationService conversations;
    @Autowired
    TeamDirectory team;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    FactMaintainer maintainer;
    @Autowired
    FactStore store;
    @Autowired
    DatabaseVendor vendor;
    @Autowired
    org.parley.conversation.OutboundQueue outbox;
    @Autowired
    SpineProgress spine;

    String run;
    UUID policyId;
    UUID agent;
    UUID otherAgent;
    UUID billing;
    UUID social;

    static Instant berlin(String text) {
        return LocalDateTime.parse(text).atZone(BERLIN).toInstant();
    }

    @BeforeEach
    void setUp() {
        run = UUID.randomUUID().toString().substring(0, 8);
        var calendar = slaAdmin.createCalendar(new CalendarSpec("Live office " + run, "Europe/Berlin", false,
                List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY").stream()
                        .map(d -> new CalendarSpec.Hours(d, "09:00", "17:00")).toList(), List.of()));
        policyId = slaAdmin.createPolicy(new PolicySpec("Live " + run, calendar.id(), List.of(
                new PolicySpec.Target("NORMAL", 60, 600, 6000)), 50, 150)).id();
        agent = team.createAgent("live-agent-" + run, "Lina " + run, null, "password-123", Set.of(Role.AGENT)).getId();
        otherAgent = team.createAgent("live-other-" + run, "Otto " + run, null, "password-123", Set.of(Role.AGENT))
                .getId();
        billing = team.createTeam("Live billing " + run, null).getId();
        social = team.createTeam("Live social " + run, null).getId();
    }

    UUID customerWrites(String who, String text, Instant at) {
        clock.set(at);
        return Inbound.write(transactions, customers, conversations, who + "." + run + "@example.com", "Parcel " + run,
                text, "thread-" + who + "-" + run, at);
    }

    /**
     * A reply delivered in its own transaction: no mailbox is connected here, and a reply that fails would reopen
     * what it resolved and note the failure at the real time.
     */
    void deliveredReply(UUID conversationId, UUID author, String text, boolean resolve, Instant at) {
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            var sent = conversations.replyAt(Viewer.SYSTEM, conversationId, author, null, text, resolve, at);
            outbox.markSent(sent.id(), "test-" + sent.id());
        });
    }

    /** The subscriber applies events after the commit, on its own thread: wait until the facts show the step. */
    ConversationFacts awaitFacts(UUID id, Predicate<ConversationFacts> done) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            ConversationFacts f = store.read(id);
            return f != null && done.test(f);
        });
        return store.read(id);
    }

    /** The stored facts and replay state are exactly what a recompute from all messages and marks gives. */
    void assertMatchesRecompute(UUID id) {
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            ConversationView c = conversations.get(Viewer.SYSTEM, id);
            SlaState sla = slaClocks.state(Viewer.SLA, id).orElse(null);
            FactMaintainer.Calendar calendar = maintainer.calendarOf(sla);
            FactCalculator.Result full = FactCalculator.compute(c, conversations.messages(Viewer.SYSTEM, id), store.marks(id),
                    calendar.hours(), sla, store.stored(clock.instant()));
            assertThat(full.newMark()).as("the recorded status changes explain the status").isEmpty();
            assertThat(store.read(id)).usingRecursiveComparison().ignoringCollectionOrder().isEqualTo(full.facts());
            FactStore.StoredState state = store.state(id);
            assertThat(state).as("replay state").isNotNull();
            assertThat(state.state()).isEqualTo(full.state());
            assertThat(state.hoursKey()).isEqualTo(calendar.key());
        });
    }

    @Test
    void eventsAreStepsThatNeverReadTheMessagesAndGiveWhatARecomputeGives() {
        // Monday 10:00 in Berlin (the policy's calendar is Mon-Fri 09-17), with nanoseconds the database rounds
        Instant first = berlin("2031-04-07T10:00").plusNanos(123_456_789);
        UUID a = customerWrites("dora", "My parcel is late", first);
        awaitFacts(a, f -> f.firstMessageAt() != null);
        // From here on a recompute from the messages would see the first message an hour earlier, so the facts
        // would show it: the live path must never read the messages.
        byte[] key = FactStore.bytes(a);
        LocalDateTime original = jdbc.queryForObject("SELECT occurred_at FROM message WHERE conversation_id = ?",
                LocalDateTime.class, (Object) key);
        jdbc.update("UPDATE message SET occurred_at = ? WHERE conversation_id = ?",
                original.minusHours(1), key);

        slaClocks.applyPolicy(Viewer.SLA, a, policyId);
        conversations.moveToTeam(Viewer.SYSTEM, a, billing);
        awaitFacts(a, f -> billing.equals(f.teamId()) && policyId.equals(f.slaPolicyId()));
        conversations.assign(Viewer.SYSTEM, a, agent);
        awaitFacts(a, f -> agent.equals(f.assigneeId()));
        conversations.addNoteAt(Viewer.SYSTEM, a, agent, "Asking the carrier", berlin("2031-04-07T10:10"));
        // 60 business minutes: warning at 10:30, breach of the first response at 11:00
        clock.set(berlin("2031-04-07T11:00:01"));
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            slaClocks.sweep(Viewer.SLA, 1000);
            return slaClocks.state(Viewer.SLA, a).orElseThrow().escalations().size() == 2;
        });
        awaitFacts(a, f -> f.slaBreaches() == 1 && f.slaWarnings() == 1 && f.firstResponseBreached());
        // the first reply at 11:20 (and 500 ns, which the database rounds up to the next microsecond)
        Instant reply = berlin("2031-04-07T11:20").plusNanos(500);
        clock.set(reply);
        deliveredReply(a, agent, "It is on its way", false, reply);
        awaitFacts(a, f -> f.firstResponseAt() != null && f.status() == ConversationStatus.PENDING);
        // an agent opens it again, then sets it pending: changes no message explains
        clock.set(berlin("2031-04-07T12:00"));
        conversations.setStatusAt(Viewer.SYSTEM, a, ConversationStatus.OPEN, clock.instant());
        awaitFacts(a, f -> f.status() == ConversationStatus.OPEN);
        clock.set(berlin("2031-04-07T12:30"));
        conversations.setStatusAt(Viewer.SYSTEM, a, ConversationStatus.PENDING, clock.instant());
        awaitFacts(a, f -> f.status() == ConversationStatus.PENDING);
        customerWrites("dora", "Still nothing", berlin("2031-04-07T13:00").plusNanos(999_999_999));
        awaitFacts(a, f -> f.status() == ConversationStatus.OPEN);
        clock.set(berlin("2031-04-07T14:00"));
        deliveredReply(a, agent, "Found it, delivered tomorrow", true, clock.instant());
        awaitFacts(a, f -> f.status() == ConversationStatus.RESOLVED);
        // Tuesday the customer writes again: reopened
        customerWrites("dora", "It arrived broken", berlin("2031-04-08T09:15"));
        awaitFacts(a, f -> f.status() == ConversationStatus.OPEN && f.reopenCount() == 1);
        // another agent and team take over, at a higher priority
        conversations.assign(Viewer.SYSTEM, a, otherAgent);
        conversations.moveToTeam(Viewer.SYSTEM, a, social);
        conversations.setPriority(Viewer.SYSTEM, a, Priority.HIGH);
        awaitFacts(a, f -> otherAgent.equals(f.assigneeId()) && social.equals(f.teamId())
                && f.priority() == Priority.HIGH);
        clock.set(berlin("2031-04-08T10:00"));
        deliveredReply(a, otherAgent, "A new one is on its way", false, clock.instant());
        awaitFacts(a, f -> f.status() == ConversationStatus.PENDING && f.resolvedAt() == null);
        clock.set(berlin("2031-04-08T10:30"));
        conversations.setStatusAt(Viewer.SYSTEM, a, ConversationStatus.RESOLVED, clock.instant());
        awaitFacts(a, f -> f.status() == ConversationStatus.RESOLVED);
        clock.set(berlin("2031-04-08T11:00"));
        conversations.setStatusAt(Viewer.SYSTEM, a, ConversationStatus.CLOSED, clock.instant());
        ConversationFacts live = awaitFacts(a, f -> f.status() == ConversationStatus.CLOSED);

        // no step read the messages: the first message is where its event put it, not an hour earlier
        assertThat(live.firstMessageAt()).isEqualTo(store.stored(first));
        // 10:00:00.123457 -> 11:20:00.000001 (4,799 s), or 10:00:00 -> 11:20:00 (4,800 s) where the database keeps
        // whole seconds; in business hours the same (all within Monday 09-17)
        long firstResponse = Duration.between(store.stored(first), store.stored(reply)).getSeconds();
        assertThat(firstResponse).isIn(4799L, 4800L);
        assertThat(live.firstResponseSeconds()).isEqualTo(firstResponse);
        assertThat(live.firstResponseBusinessSeconds()).isEqualTo(firstResponse);
        assertThat(live.responses()).hasSize(3);
        assertThat(live.responses()).filteredOn(ConversationFacts.Response::first).singleElement()
                .satisfies(r -> assertThat(r.agentId()).isEqualTo(agent));
        assertThat(live.reopenCount()).isEqualTo(1);
        assertThat(live.resolvedAt()).isEqualTo(berlin("2031-04-08T10:30")); // the final resolution
        // the earlier replies moved to the new team and priority with the conversation
        assertThat(jdbc.queryForList("SELECT priority FROM report_response WHERE conversation_id = ? AND team_id = ?",
                String.class, key, FactStore.bytes(social))).containsExactly("HIGH", "HIGH", "HIGH");

        jdbc.update("UPDATE message SET occurred_at = ? WHERE conversation_id = ? AND occurred_at = ?", original, key,
                original.minusHours(1));
        assertMatchesRecompute(a);
    }

    @Test
    void autoRepliesCallsAndLateEventsFollowTheRecompute() {
        // an auto-reply is dated by the real clock: this conversation lives just before it
        Instant start = store.stored(Instant.now().minus(Duration.ofMinutes(20)));
        UUID b = customerWrites("emil", "Is anyone there?", start);
        awaitFacts(b, f -> f.firstMessageAt() != null);
        // routing's auto-reply answers, but the conversation stays OPEN: it counts as a response all the same
        conversations.autoReply(Viewer.ROUTING, b, agent, "We got your message and answer within a day.");
        ConversationFacts answered = awaitFacts(b, f -> f.firstResponseAt() != null);
        assertThat(answered.status()).isEqualTo(ConversationStatus.OPEN);
        assertThat(answered.responses()).singleElement().satisfies(r -> assertThat(r.agentId()).isEqualTo(agent));
        assertMatchesRecompute(b);

        // the same reply's event once more (a parked event retried after a recompute had covered it): no double count
        MessageView autoReply = conversations.messages(Viewer.SYSTEM, b).stream().filter(m -> m.direction() == Direction.OUTBOUND)
                .findFirst().orElseThrow();
        ConversationView c = conversations.get(Viewer.SYSTEM, b);
        new TransactionTemplate(transactions).executeWithoutResult(tx -> maintainer.apply(b, List.of(
                new AgentReplied(autoReply.id(), b, c.customerId(), agent, Channel.EMAIL, autoReply.occurredAt(),
                        Origin.ROUTING))));
        assertThat(store.read(b).responses()).hasSize(1);
        assertMatchesRecompute(b);

        // a message dated before the conversation began (an import): its creation moves, the facts are recomputed
        Instant earlier = start.minus(Duration.ofMinutes(5));
        customerWrites("emil", "Sent from my phone earlier", earlier);
        awaitFacts(b, f -> earlier.equals(f.firstMessageAt()));
        assertMatchesRecompute(b);

        // a logged call starts a phone conversation: a reply with nobody waiting, and the conversation stays OPEN
        conversations.recordOutboundCall(Viewer.SYSTEM, c.customerId(), agent, "Lina", "call-" + run, "Called back, no answer", store.stored(Instant.now().minus(Duration.ofMinutes(1))));
        UUID phone = conversations.conversationsOf(Viewer.SYSTEM, c.customerId()).stream()
                .filter(v -> v.channel() == Channel.PHONE).findFirst().orElseThrow().id();
        ConversationFacts call = awaitFacts(phone, f -> true);
        assertThat(call.responses()).isEmpty();
        assertMatchesRecompute(phone);
    }

    @Test
    void customerMessagesAtOneInstantAreStepsAndAReplyAtThatInstantIsARecompute() {
        // mails sent in one go often carry the same Date header: Monday 10:00 in Berlin
        Instant at = berlin("2031-05-05T10:00");
        UUID d = customerWrites("greta", "First of three", at);
        awaitFacts(d, f -> f.firstMessageAt() != null);
        // while the first message reads an hour earlier, a recompute from the messages would show it
        byte[] key = FactStore.bytes(d);
        LocalDateTime original = jdbc.queryForObject("SELECT occurred_at FROM message WHERE conversation_id = ?",
                LocalDateTime.class, (Object) key);
        Runnable firstMessageEarlier = () -> jdbc.update("UPDATE message SET occurred_at = ? WHERE conversation_id = ?"
                + " AND occurred_at = ?", original.minusHours(1), key, original);
        Runnable firstMessageBack = () -> jdbc.update("UPDATE message SET occurred_at = ? WHERE conversation_id = ?"
                + " AND occurred_at = ?", original, key, original.minusHours(1));

        firstMessageEarlier.run();
        customerWrites("greta", "Second of three", at);
        customerWrites("greta", "Third of three", at);
        assertThat(spine.awaitApplied("reports", Duration.ofSeconds(20))).isTrue();
        // two steps, no recompute: the first message is where its event put it
        assertThat(store.read(d).firstMessageAt()).isEqualTo(store.stored(at));
        assertThat(store.state(d).state().lastStepKind()).isEqualTo(FactCalculator.CUSTOMER_MESSAGES);
        firstMessageBack.run();
        assertMatchesRecompute(d);

        // a reply at the very same instant may sort before or after the customer's messages: that is a recompute
        firstMessageEarlier.run();
        deliveredReply(d, agent, "On it", false, at);
        assertThat(spine.awaitApplied("reports", Duration.ofSeconds(20))).isTrue();
        ConversationFacts replied = store.read(d);
        assertThat(replied.firstResponseAt()).isEqualTo(store.stored(at));
        assertThat(replied.firstMessageAt()).isEqualTo(store.stored(at).minus(Duration.ofHours(1)));
        firstMessageBack.run();
    }

    /**
     * The steps of a batch are written together at its end, each from the replay state's revision it read: when
     * another writer moved one state on meanwhile, the whole batch fails (and is retried by the spine) instead of
     * overwriting that writer's state, and nothing of the batch is kept.
     */
    @Test
    void aBatchOfStepsFailsWholeWhenAnotherWriterMovedOneStateOn() {
        Instant at = berlin("2026-03-02T10:00:00");
        UUID first = customerWrites("hanna", "One", at);
        UUID second = customerWrites("ivo", "Two", at);
        assertThat(spine.awaitApplied("reports", Duration.ofSeconds(20))).isTrue();
        FactStore.StoredState firstRead = store.state(first);
        FactStore.StoredState secondRead = store.state(second);
        ConversationFacts firstFacts = store.read(first);
        ConversationFacts secondFacts = store.read(second);

        // another writer (the backfill, a recompute on another node) moves the second state on after it was read
        new TransactionTemplate(transactions).executeWithoutResult(tx -> store.updateAll(List.of(new FactStore.Update(
                secondFacts, secondRead.state(), secondRead.hoursKey(), secondRead.revision(), at))));
        assertThat(store.state(second).revision()).isEqualTo(secondRead.revision() + 1);

        FactCalculator.State moved = new FactCalculator.State(firstRead.state().createdAt(), firstRead.state().status(),
                firstRead.state().since(), firstRead.state().openBusiness(), firstRead.state().reopens() + 7,
                firstRead.state().waitingSince(), firstRead.state().firstInbound(), firstRead.state().firstResponse(),
                firstRead.state().lastStepAt(), firstRead.state().lastStepKind());
        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(tx -> store.updateAll(
                List.of(new FactStore.Update(firstFacts, moved, firstRead.hoursKey(), firstRead.revision(), at),
                        new FactStore.Update(secondFacts, secondRead.state(), secondRead.hoursKey(),
                                secondRead.revision(), at)))))
                .isInstanceOf(OptimisticLockingFailureException.class).hasMessageContaining(second.toString());
        assertThat(store.state(first).revision()).isEqualTo(firstRead.revision());
        assertThat(store.state(first).state().reopens()).isEqualTo(firstRead.state().reopens());
    }

    /**
     * Prints the time of one fact update on a conversation of 2,000 messages: the recompute from all messages
     * that every event cost before, and one event as one step now. Measured, never asserted.
     */
    @Test
    void aFactUpdateOnAConversationOf2000Messages() {
        Instant start = berlin("2031-06-02T08:00");
        UUID c = customerWrites("fred", "A long story", start);
        awaitFacts(c, f -> f.firstMessageAt() != null);
        UUID customer = conversations.get(Viewer.SYSTEM, c).customerId();
        // 1,999 more messages straight into the table, a customer message and a reply in turn, a minute apart
        insertMessages(c, customer, start, 1, 1999);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        clock.set(start.plus(Duration.ofMinutes(2100)));
        tx.executeWithoutResult(s -> maintainer.refreshInTransaction(c)); // warm up; the state now covers 2,000

        long[] recompute = new long[20];
        for (int i = 0; i < recompute.length; i++) {
            long t0 = System.nanoTime();
            tx.executeWithoutResult(s -> maintainer.refreshInTransaction(c));
            recompute[i] = System.nanoTime() - t0;
        }
        // 200 more messages, stored without events; then their events, each applied as a batch of its own
        List<DomainEvent> events = insertMessages(c, customer, start.plus(Duration.ofMinutes(200)), 2000, 200);
        long[] step = new long[events.size()];
        for (int i = 0; i < events.size(); i++) {
            List<DomainEvent> one = List.of(events.get(i));
            long t0 = System.nanoTime();
            tx.executeWithoutResult(s -> maintainer.apply(c, one));
            step[i] = System.nanoTime() - t0;
        }
        System.out.printf("report facts of a conversation with 2,000 messages on %s: recompute from all messages"
                + " %.2f ms (median of %d), one event as a step %.2f ms (median of %d)%n", vendor.kind(),
                median(recompute) / 1e6, recompute.length, median(step) / 1e6, step.length);

        ConversationFacts facts = store.read(c);
        assertThat(facts.responses()).hasSize(1100); // every reply answers the customer message before it
        assertMatchesRecompute(c);
    }

    /**
     * Writes messages number {@code from} to {@code from + count - 1} of a conversation straight into the table
     * (odd numbers replies, even ones customer messages, message n at {@code start} + n minutes) and answers the
     * events the conversation service would have published for them.
     */
    private List<DomainEvent> insertMessages(UUID conversationId, UUID customerId, Instant start, int from, int count) {
        List<Object[]> rows = new ArrayList<>();
        List<DomainEvent> events = new ArrayList<>();
        for (int n = from; n < from + count; n++) {
            UUID id = UUID.randomUUID();
            boolean reply = n % 2 == 1;
            Instant at = start.plus(Duration.ofMinutes(n));
            rows.add(new Object[] {FactStore.bytes(id), FactStore.bytes(conversationId), FactStore.bytes(customerId),
                reply ? "OUTBOUND" : "INBOUND", "EMAIL", reply ? null : FactStore.bytes(customerId),
                reply ? FactStore.bytes(agent) : null, reply ? "Lina" : "Fred", "message " + n, FactStore.utc(at),
                FactStore.utc(at)});
            events.add(reply ? new AgentReplied(id, conversationId, customerId, agent, Channel.EMAIL, at, Origin.AGENT)
                    : new MessageReceived(id, conversationId, customerId, Channel.EMAIL, false, false, at, null));
        }
        jdbc.batchUpdate("INSERT INTO message (id, version, conversation_id, customer_id, direction, channel,"
                + " author_customer_id, author_agent_id, author_name, text_body, occurred_at, created_at)"
                + " VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
        return events;
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(sorted.length - 1) / 2];
    }
}
