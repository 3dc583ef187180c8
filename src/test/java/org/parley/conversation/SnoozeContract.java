package org.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.ConversationChanged.SnoozeChanged;
import org.parley.customer.CustomerDirectory;
import org.parley.security.ApiTokenService;
import org.parley.support.ApiClient;
import org.parley.support.ApiClient.Response;
import org.parley.support.Inbound;
import org.parley.support.SpineEvents;
import org.parley.team.Agent;
import org.parley.team.Role;
import org.parley.team.Team;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Snooze (H2 and MySQL/MariaDB by the subclasses): a snoozed conversation leaves every queue and its count and is
 * found under "Snoozed"; it wakes on time (the wake round is called with a later instant: snoozes here lie years
 * ahead, so no other test's clock or the real one ever reaches them) and on the customer's reply; each snooze and
 * wake is one ConversationChanged and audited; the REST contract with its 400s and 404s.
 */
abstract class SnoozeContract {

    @LocalServerPort
    int port;
    @Autowired
    TeamDirectory team;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    ConversationService conversations;
    @Autowired
    Snoozes snoozes;
    @Autowired
    InboxQueries inbox;
    @Autowired
    ConversationAccess access;
    @Autowired
    CustomerDirectory customers;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JsonMapper json;

    String run;
    Team alpha;
    Team beta;
    Agent alice;
    Viewer aliceSees;
    ApiClient aliceApi;
    ApiClient bobApi;
    /** Far beyond every test clock (2030/2031) and the real one: only the test's own wake round reaches it. */
    Instant later;

    @BeforeEach
    void desk() {
        run = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()), 36);
        alpha = team.createTeam("Alpha " + run, null);
        beta = team.createTeam("Beta " + run, null);
        alice = agent("alice", alpha);
        Agent bob = agent("bob", beta);
        aliceSees = access.viewerOf(alice.getId());
        aliceApi = new ApiClient(port, tokens.create("alice " + run, alice.getId()).token());
        bobApi = new ApiClient(port, tokens.create("bob " + run, bob.getId()).token());
        later = Instant.parse("2036-03-02T08:00:00Z").plus(Duration.ofMinutes(Math.abs(run.hashCode() % 10_000)));
    }

    @Test
    void aSnoozedConversationLeavesEveryQueueAndCountAndComesBackOnTime() {
        UUID id = conversationOf(alpha, "Refund next week");
        conversations.assign(aliceSees, id, alice.getId());
        Queue team = Queue.team(alpha.getId());
        Queue teamNeedsReply = Queue.teamNeedsReply(alpha.getId());
        List<Queue> queues = List.of(Queue.MINE, Queue.NEEDS_MY_REPLY, team, teamNeedsReply, Queue.ALL_OPEN);
        for (Queue q : queues) {
            assertThat(ids(q)).as(q.toString()).contains(id);
        }
        assertThat(inbox.count(aliceSees, Queue.MINE)).isEqualTo(1);
        assertThat(inbox.count(aliceSees, team)).isEqualTo(1);
        long snoozedBefore = inbox.count(aliceSees, Queue.SNOOZED);

        Response snoozed = aliceApi.post("/api/v1/conversations/" + id + "/snooze",
                "{\"until\": \"" + later + "\", \"untilReply\": false}");

        assertThat(snoozed.status()).as(snoozed.body()).isEqualTo(200);
        assertThat(snoozed.text("id")).isEqualTo(id.toString());
        assertThat(Instant.parse(snoozed.text("snoozedUntil"))).isEqualTo(later);
        assertThat(snoozed.json().path("snoozedUntilReply").asBoolean()).isFalse();
        assertThat(snoozed.json().path("snoozed").asBoolean()).isTrue();
        assertThat(snoozed.json().has("messages")).as("the shape GET answers").isTrue();
        for (Queue q : queues) {
            assertThat(ids(q)).as(q.toString()).doesNotContain(id);
        }
        assertThat(inbox.count(aliceSees, Queue.MINE)).isZero();
        assertThat(inbox.count(aliceSees, team)).isZero();
        assertThat(inbox.count(aliceSees, teamNeedsReply)).isZero();
        assertThat(inbox.count(aliceSees, Queue.SNOOZED)).isEqualTo(snoozedBefore + 1);
        InboxRow row = inbox.page(aliceSees, Queue.SNOOZED, null, 1000).stream()
                .filter(r -> r.conversationId().equals(id)).findFirst().orElseThrow();
        assertThat(row.snoozedUntil()).as("the wake time in the list row").isEqualTo(later);
        // the API's queue too, and GET shows the snooze
        Response list = aliceApi.get("/api/v1/conversations?queue=snoozed&limit=200");
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.body()).contains(id.toString()).contains("\"snoozedUntil\"");
        assertThat(aliceApi.get("/api/v1/conversations?queue=mine").body()).doesNotContain(id.toString());
        assertThat(Instant.parse(aliceApi.get("/api/v1/conversations/" + id).text("snoozedUntil"))).isEqualTo(later);

        // not yet
        snoozes.wakeDue(Viewer.SYSTEM, later.minusSeconds(1), 1000);
        assertThat(conversations.get(Viewer.SYSTEM, id).snoozed()).isTrue();
        // its time has come
        assertThat(snoozes.wakeDue(Viewer.SYSTEM, later, 1000)).isGreaterThanOrEqualTo(1);

        ConversationView woken = conversations.get(Viewer.SYSTEM, id);
        assertThat(woken.snoozed()).isFalse();
        assertThat(woken.status()).isEqualTo(ConversationStatus.OPEN);
        for (Queue q : queues) {
            assertThat(ids(q)).as(q.toString()).contains(id);
        }
        assertThat(inbox.count(aliceSees, Queue.MINE)).isEqualTo(1);
        assertThat(inbox.count(aliceSees, Queue.SNOOZED)).isEqualTo(snoozedBefore);
        // one event per snooze and per wake (screens, SLA and routing follow them), both audited
        List<SnoozeChanged> changes = snoozeChanges(id);
        assertThat(changes).hasSize(2);
        assertThat(changes.get(0).from()).isNull();
        assertThat(changes.get(0).to()).isEqualTo(new Snooze(later, false));
        assertThat(changes.get(1).woke()).isTrue();
        assertThat(SpineEvents.of(jdbc, json, ConversationChanged.class).stream()
                .filter(e -> e.conversationId().equals(id) && e.has(SnoozeChanged.class)).map(ConversationChanged::actorId)
                .toList()).containsExactly(alice.getId(), null);
        assertThat(jdbc.queryForList("SELECT details FROM audit_entry WHERE subject_id = ? AND action = ?"
                + " ORDER BY id", String.class, id.toString(), "conversation.snooze"))
                .hasSize(2).anyMatch(d -> d.startsWith("snoozed until " + later)).anyMatch(d -> d.equals("woken on time"));
    }

    @Test
    void theCustomersReplyWakesAnUntilReplySnoozeAndATimedOneToo() {
        String email = "jane-" + run + "@example.com";
        UUID id = customerWrites(email, "First");
        conversations.moveToTeam(Viewer.SYSTEM, id, alpha.getId());
        conversations.replyAt(Viewer.SYSTEM, id, alice.getId(), null, "We are on it", false, Instant.now());
        assertThat(conversations.get(Viewer.SYSTEM, id).status()).isEqualTo(ConversationStatus.PENDING);

        ConversationView parked = snoozes.snooze(aliceSees, id, null, true);
        assertThat(parked.snooze()).isEqualTo(new Snooze(null, true));
        assertThat(ids(Queue.team(alpha.getId()))).doesNotContain(id);
        assertThat(ids(Queue.SNOOZED)).contains(id);
        // a round of the alarm leaves it alone: it waits for the customer
        snoozes.wakeDue(Viewer.SYSTEM, later.plus(Duration.ofDays(3650)), 1000);
        assertThat(conversations.get(Viewer.SYSTEM, id).snoozed()).isTrue();

        assertThat(customerWrites(email, "Any news?")).isEqualTo(id);

        ConversationView back = conversations.get(Viewer.SYSTEM, id);
        assertThat(back.snoozed()).isFalse();
        assertThat(back.status()).isEqualTo(ConversationStatus.OPEN);
        assertThat(ids(Queue.team(alpha.getId()))).contains(id);
        assertThat(ids(Queue.teamNeedsReply(alpha.getId()))).contains(id);
        assertThat(ids(Queue.SNOOZED)).doesNotContain(id);

        // a timed snooze ends on a reply as well
        snoozes.snooze(aliceSees, id, later, false);
        assertThat(ids(Queue.team(alpha.getId()))).doesNotContain(id);
        customerWrites(email, "Hello again");
        assertThat(conversations.get(Viewer.SYSTEM, id).snoozed()).isFalse();
        assertThat(ids(Queue.team(alpha.getId()))).contains(id);

        List<SnoozeChanged> changes = snoozeChanges(id);
        assertThat(changes).extracting(SnoozeChanged::woke).containsExactly(false, true, false, true);
        assertThat(jdbc.queryForList("SELECT details FROM audit_entry WHERE subject_id = ? AND action = ?",
                String.class, id.toString(), "conversation.snooze")).filteredOn("woken by the customer's reply"::equals)
                .hasSize(2);
    }

    @Test
    void theAlarmWakesADueConversationByItself() {
        UUID id = conversationOf(alpha, "Soon");
        // two seconds ahead of the application's (real) clock: the periodic round, not the test, wakes it
        snoozes.snooze(aliceSees, id, Instant.now().plusSeconds(2), false);
        assertThat(conversations.get(Viewer.SYSTEM, id).snoozed()).isTrue();

        Instant deadline = Instant.now().plusSeconds(60);
        while (conversations.get(Viewer.SYSTEM, id).snoozed() && Instant.now().isBefore(deadline)) {
            sleep(100);
        }
        assertThat(conversations.get(Viewer.SYSTEM, id).snoozed()).as("woken by the alarm").isFalse();
        assertThat(ids(Queue.team(alpha.getId()))).contains(id);
    }

    @Test
    void badSnoozesAre400WithAReasonHiddenConversationsAre404AndDeleteWakes() {
        UUID id = conversationOf(alpha, "Validation");
        String path = "/api/v1/conversations/" + id + "/snooze";

        Response past = aliceApi.post(path, "{\"until\": \"" + Instant.now().minus(1, ChronoUnit.MINUTES)
                + "\", \"untilReply\": false}");
        assertThat(past.status()).as(past.body()).isEqualTo(400);
        assertThat(past.text("error")).contains("future");
        Response malformed = aliceApi.post(path, "{\"until\": \"tomorrow at nine\"}");
        assertThat(malformed.status()).as(malformed.body()).isEqualTo(400);
        assertThat(malformed.text("error")).contains("ISO-8601");
        Response notAnInstant = aliceApi.post(path, "{\"until\": 12345}");
        assertThat(notAnInstant.status()).isEqualTo(400);
        Response neither = aliceApi.post(path, "{\"until\": null, \"untilReply\": false}");
        assertThat(neither.status()).as(neither.body()).isEqualTo(400);
        assertThat(neither.text("error")).contains("untilReply");
        assertThat(aliceApi.post(path, "{}").status()).isEqualTo(400);
        assertThat(aliceApi.post(path, "{\"untilReply\": \"yes\"}").status()).isEqualTo(400);
        assertThat(aliceApi.post(path, "{\"until\": \"" + later + "\", \"for\": 3}").status()).isEqualTo(400);
        assertThat(aliceApi.post(path, "not json").status()).isEqualTo(400);
        assertThat(conversations.get(Viewer.SYSTEM, id).snoozed()).as("nothing changed").isFalse();

        // hidden from bob (team beta): 404 like a missing one, for snoozing and for waking
        assertThat(bobApi.post(path, "{\"until\": \"" + later + "\"}").status()).isEqualTo(404);
        assertThat(bobApi.delete(path).status()).isEqualTo(404);
        assertThat(aliceApi.post("/api/v1/conversations/" + UUID.randomUUID() + "/snooze",
                "{\"untilReply\": true}").status()).isEqualTo(404);
        assertThat(conversations.get(Viewer.SYSTEM, id).snoozed()).isFalse();

        // until the reply or a time, whichever comes first
        Response both = aliceApi.post(path, "{\"until\": \"" + later + "\", \"untilReply\": true}");
        assertThat(both.status()).as(both.body()).isEqualTo(200);
        assertThat(both.json().path("snoozedUntilReply").asBoolean()).isTrue();

        Response woken = aliceApi.delete(path);
        assertThat(woken.status()).as(woken.body()).isEqualTo(200);
        assertThat(woken.json().path("snoozed").asBoolean()).isFalse();
        assertThat(woken.json().path("snoozedUntil").isNull()).isTrue();
        assertThat(ids(Queue.team(alpha.getId()))).contains(id);
        assertThat(aliceApi.delete(path).status()).as("waking an awake one changes nothing").isEqualTo(200);
        assertThat(snoozeChanges(id)).hasSize(2);

        // a resolved conversation is not snoozed
        conversations.setStatus(aliceSees, id, ConversationStatus.RESOLVED);
        Response resolved = aliceApi.post(path, "{\"untilReply\": true}");
        assertThat(resolved.status()).as(resolved.body()).isEqualTo(400);
        assertThat(resolved.text("error")).contains("open or pending");
    }

    private List<UUID> ids(Queue queue) {
        return inbox.page(aliceSees, queue, null, 1000).stream().map(InboxRow::conversationId).toList();
    }

    private List<SnoozeChanged> snoozeChanges(UUID id) {
        return SpineEvents.of(jdbc, json, ConversationChanged.class).stream()
                .filter(e -> e.conversationId().equals(id)).flatMap(e -> e.find(SnoozeChanged.class).stream()).toList();
    }

    private UUID customerWrites(String email, String text) {
        return Inbound.write(transactions, customers, conversations, email, "Order " + run, text, "thread-" + run,
                Instant.now());
    }

    private Agent agent(String name, Team of) {
        Agent agent = team.createAgent(name + "-" + run, name + " " + run, null, "secret-password",
                EnumSet.of(Role.AGENT));
        team.addMember(of.getId(), agent.getId(), false);
        return agent;
    }

    private UUID conversationOf(Team of, String subject) {
        UUID id = Inbound.write(transactions, customers, conversations, "c-" + UUID.randomUUID() + "@example.com",
                subject + " " + run, "Hello", null, Instant.now());
        conversations.moveToTeam(Viewer.SYSTEM, id, of.getId());
        return id;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
