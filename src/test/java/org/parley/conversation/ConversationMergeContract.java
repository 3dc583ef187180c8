package org.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.base.Channel;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.customer.CustomerDirectory;
import org.parley.security.ApiTokenService;
import org.parley.support.ApiClient;
import org.parley.support.ApiClient.Response;
import org.parley.support.Inbound;
import org.parley.support.ParleySpringTest;
import org.parley.support.SpineEvents;
import org.parley.team.Agent;
import org.parley.team.Role;
import org.parley.team.Team;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Merging two conversations of one customer over REST, and undoing it (H2 and MySQL/MariaDB by the subclasses):
 * the earlier one survives and takes the later one's messages, the later one is a pointer in no queue whose thread
 * still leads into the survivor, and the undo restores both (messages that arrived since stay in the survivor).
 */
abstract class ConversationMergeContract {

    @LocalServerPort
    int port;
    @Autowired
    TeamDirectory team;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    ConversationService conversations;
    @Autowired
    InboxQueries inbox;
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
    ApiClient aliceApi;
    ApiClient bobApi;
    Instant start;

    @BeforeEach
    void desk() {
        run = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()), 36);
        alpha = team.createTeam("Alpha " + run, null);
        beta = team.createTeam("Beta " + run, null);
        alice = agent("alice", alpha);
        Agent bob = agent("bob", beta);
        aliceApi = new ApiClient(port, tokens.create("alice " + run, alice.getId()).token());
        bobApi = new ApiClient(port, tokens.create("bob " + run, bob.getId()).token());
        start = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
    }

    /** Two conversations of one customer: "Order" (earlier, resolved, tag vip) and "Refund" (later, high, refund). */
    record Pair(UUID earlier, UUID later, UUID customerId, String email) {
    }

    private Pair pair() {
        String email = "merge-" + run + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        UUID earlier = mail(email, "Order " + run, "Where is my order?", "tk-order-" + email, start);
        UUID later = mail(email, "Refund " + run, "I want a refund", "tk-refund-" + email, start.plusSeconds(600));
        assertThat(later).isNotEqualTo(earlier);
        conversations.moveToTeam(Viewer.SYSTEM, earlier, alpha.getId());
        conversations.moveToTeam(Viewer.SYSTEM, later, alpha.getId());
        // a note, not a reply: a reply would fail to send here and change the conversation meanwhile
        conversations.addSystemNote(Viewer.SYSTEM, earlier, "Parley", "Checked the order", start.plusSeconds(60));
        conversations.setStatusAt(Viewer.SYSTEM, earlier, ConversationStatus.RESOLVED, start.plusSeconds(60));
        conversations.setTags(Viewer.SYSTEM, earlier, List.of("vip"));
        conversations.setPriority(Viewer.SYSTEM, later, Priority.HIGH);
        conversations.setTags(Viewer.SYSTEM, later, List.of("refund"));
        return new Pair(earlier, later, conversations.get(Viewer.SYSTEM, earlier).customerId(), email);
    }

    private UUID mail(String email, String subject, String text, String threadKey, Instant at) {
        return Inbound.write(transactions, customers, conversations, email, subject, text, threadKey, at);
    }

    @Test
    void theEarlierConversationSurvivesTakesTheMessagesAndIsRecomputed() {
        Pair p = pair();
        long laterVersion = conversations.get(Viewer.SYSTEM, p.later()).version();

        // the later one in the path: the earlier one survives all the same
        Response merged = aliceApi.post("/api/v1/conversations/" + p.later() + "/merge",
                "{\"from\": \"%s\", \"version\": %d}".formatted(p.earlier(), laterVersion));

        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        JsonNode body = merged.json();
        assertThat(body.path("id").asString()).isEqualTo(p.earlier().toString());
        assertThat(body.path("status").asString()).as("open because the later one was open").isEqualTo("OPEN");
        assertThat(body.path("priority").asString()).isEqualTo("HIGH");
        assertThat(body.path("tags").toString()).isEqualTo("[\"refund\",\"vip\"]");
        assertThat(body.path("teamId").asString()).isEqualTo(alpha.getId().toString());
        assertThat(body.path("messages").size()).isEqualTo(3);
        assertThat(body.path("merge").path("absorbedId").asString()).isEqualTo(p.later().toString());
        assertThat(body.path("merge").path("movedMessages").asInt()).isEqualTo(1);
        assertThat(body.path("mergedInto").isNull()).isTrue();

        ConversationView survivor = conversations.get(Viewer.SYSTEM, p.earlier());
        assertThat(survivor.messageCount()).isEqualTo(3);
        assertThat(survivor.lastActivityAt()).isEqualTo(start.plusSeconds(600));
        assertThat(survivor.snippet()).isEqualTo("I want a refund");
        assertThat(survivor.resolvedAt()).isNull();
        ConversationView pointer = conversations.get(Viewer.SYSTEM, p.later());
        assertThat(pointer.mergedInto()).isEqualTo(p.earlier());
        assertThat(pointer.status()).isEqualTo(ConversationStatus.CLOSED);
        assertThat(pointer.messageCount()).isZero();
        assertThat(conversations.messages(Viewer.SYSTEM, p.later())).isEmpty();

        // the pointer answers where it went
        Response opened = aliceApi.get("/api/v1/conversations/" + p.later());
        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.text("mergedInto")).isEqualTo(p.earlier().toString());

        // out of every queue and count
        Viewer aliceViewer = new Viewer(alice.getId(), false, java.util.Set.of(alpha.getId()));
        List<UUID> customer = List.of(p.customerId());
        for (Queue q : List.of(Queue.ALL_OPEN, Queue.RESOLVED, Queue.UNASSIGNED, Queue.team(alpha.getId()))) {
            assertThat(inbox.page(aliceViewer, q, customer, null, 50)).extracting(InboxRow::conversationId)
                    .doesNotContain(p.later());
            assertThat(inbox.count(aliceViewer, q, customer)).as(q.toString()).isEqualTo(
                    inbox.page(aliceViewer, q, customer, null, 50).size());
        }
        assertThat(inbox.count(aliceViewer, Queue.ALL_OPEN, customer)).isEqualTo(1);
        assertThat(inbox.count(aliceViewer, Queue.RESOLVED, customer)).isZero();

        // audited, and told on the spine
        assertThat(jdbc.queryForList("SELECT action FROM audit_entry WHERE subject_id = ?", String.class,
                p.earlier().toString())).contains("conversation.merged");
        assertThat(jdbc.queryForList("SELECT action FROM audit_entry WHERE subject_id = ?", String.class,
                p.later().toString())).contains("conversation.merged_into");
        List<ConversationsMerged> events = SpineEvents.of(jdbc, json, ConversationsMerged.class).stream()
                .filter(e -> e.absorbedId().equals(p.later())).toList();
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().survivorId()).isEqualTo(p.earlier());
        assertThat(events.getFirst().actorId()).isEqualTo(alice.getId());

        // reports follow: the pointer has no facts, the survivor's are open again
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM report_conversation WHERE conversation_id = ?",
                    Long.class, (Object) bytes(p.later()))).isZero();
            assertThat(jdbc.queryForList("SELECT status FROM report_conversation WHERE conversation_id = ?",
                    String.class, (Object) bytes(p.earlier()))).containsExactly("OPEN");
        });
    }

    @Test
    void aNewMailInTheAbsorbedThreadLandsInTheSurvivor() {
        Pair p = pair();
        String laterExternalId = conversations.messages(Viewer.SYSTEM, p.later()).getFirst().externalId();
        assertThat(merge(aliceApi, p.earlier(), p.later()).status()).isEqualTo(200);

        // by the thread key of the absorbed conversation
        UUID byKey = mail(p.email(), "Refund " + run, "Any news on the refund?", "tk-refund-" + p.email(),
                start.plusSeconds(1200));
        assertThat(byKey).isEqualTo(p.earlier());
        // by a reply to one of the absorbed conversation's messages
        StoredMessage byHint = conversations.receive(Viewer.SYSTEM, new IncomingMessage(p.customerId(), "Customer",
                Channel.EMAIL, "m-" + UUID.randomUUID(), "Re: Refund " + run, "Hello again", null, laterExternalId,
                List.of(), null, start.plusSeconds(1300), "support@parley.test"));
        assertThat(byHint.conversationId()).isEqualTo(p.earlier());
        assertThat(conversations.get(Viewer.SYSTEM, p.earlier()).messageCount()).isEqualTo(5);
        assertThat(conversations.get(Viewer.SYSTEM, p.later()).messageCount()).isZero();
    }

    @Test
    void undoRestoresBothConversationsExactly() {
        Pair p = pair();
        ConversationView earlierBefore = conversations.get(Viewer.SYSTEM, p.earlier());
        ConversationView laterBefore = conversations.get(Viewer.SYSTEM, p.later());
        List<UUID> earlierMessages = messageIds(p.earlier());
        List<UUID> laterMessages = messageIds(p.later());
        assertThat(merge(aliceApi, p.earlier(), p.later()).status()).isEqualTo(200);

        Response undone = aliceApi.post("/api/v1/conversations/" + p.later() + "/unmerge", "");

        assertThat(undone.status()).as(undone.body()).isEqualTo(200);
        assertThat(undone.text("id")).isEqualTo(p.later().toString());
        assertThat(undone.json().path("mergedInto").isNull()).isTrue();
        assertThat(withoutVersion(conversations.get(Viewer.SYSTEM, p.earlier()))).isEqualTo(withoutVersion(earlierBefore));
        assertThat(withoutVersion(conversations.get(Viewer.SYSTEM, p.later()))).isEqualTo(withoutVersion(laterBefore));
        assertThat(messageIds(p.earlier())).isEqualTo(earlierMessages);
        assertThat(messageIds(p.later())).isEqualTo(laterMessages);
        Viewer aliceViewer = new Viewer(alice.getId(), false, java.util.Set.of(alpha.getId()));
        assertThat(inbox.count(aliceViewer, Queue.ALL_OPEN, List.of(p.customerId()))).isEqualTo(1);
        assertThat(inbox.count(aliceViewer, Queue.RESOLVED, List.of(p.customerId()))).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT action FROM audit_entry WHERE subject_id = ?", String.class,
                p.later().toString())).contains("conversation.unmerged");
        assertThat(SpineEvents.of(jdbc, json, ConversationsUnmerged.class)).anyMatch(e -> e.absorbedId()
                .equals(p.later()) && e.survivorId().equals(p.earlier()) && e.movedMessages() == 1);
        // undone once: a second undo has nothing to undo
        assertThat(aliceApi.post("/api/v1/conversations/" + p.later() + "/unmerge", "").status()).isEqualTo(400);
    }

    @Test
    void undoKeepsMessagesThatArrivedInTheSurvivorSinceTheMerge() {
        Pair p = pair();
        List<UUID> laterMessages = messageIds(p.later());
        assertThat(merge(aliceApi, p.later(), p.earlier()).status()).isEqualTo(200);
        UUID arrived = mail(p.email(), "Refund " + run, "Still waiting", "tk-refund-" + p.email(),
                start.plusSeconds(1800));
        assertThat(arrived).isEqualTo(p.earlier());

        assertThat(aliceApi.post("/api/v1/conversations/" + p.later() + "/unmerge", "").status()).isEqualTo(200);

        assertThat(messageIds(p.later())).isEqualTo(laterMessages);
        ConversationView survivor = conversations.get(Viewer.SYSTEM, p.earlier());
        assertThat(survivor.messageCount()).isEqualTo(3); // its own two and the one that arrived after the merge
        assertThat(survivor.snippet()).isEqualTo("Still waiting");
        assertThat(survivor.lastActivityAt()).isEqualTo(start.plusSeconds(1800));
        assertThat(survivor.tags()).containsExactly("vip");
        assertThat(survivor.priority()).isEqualTo(Priority.NORMAL);
        ConversationView restored = conversations.get(Viewer.SYSTEM, p.later());
        assertThat(restored.mergedInto()).isNull();
        assertThat(restored.messageCount()).isEqualTo(1);
        assertThat(restored.status()).isEqualTo(ConversationStatus.OPEN);
    }

    @Test
    void onlyTwoVisibleConversationsOfOneCustomerThatAreNotMergedYet() {
        Pair p = pair();
        Pair other = pair();
        Response different = merge(aliceApi, p.earlier(), other.earlier());
        assertThat(different.status()).isEqualTo(400);
        assertThat(different.body()).contains("same customer");
        assertThat(merge(aliceApi, p.earlier(), p.earlier()).status()).isEqualTo(400);
        assertThat(aliceApi.post("/api/v1/conversations/" + p.earlier() + "/merge", "{}").status()).isEqualTo(400);

        // hidden: the cross-team agent gets "not found", and so does alice for a conversation of team beta
        assertThat(merge(bobApi, p.earlier(), p.later()).status()).isEqualTo(404);
        UUID third = mail(p.email(), "Invoice " + run, "Invoice please", "tk-invoice-" + p.email(),
                start.plusSeconds(900));
        conversations.moveToTeam(Viewer.SYSTEM, third, beta.getId());
        assertThat(merge(aliceApi, p.earlier(), third).status()).isEqualTo(404);
        assertThat(aliceApi.post("/api/v1/conversations/" + third + "/unmerge", "").status()).isEqualTo(404);

        // a stale version: 409 with the current state, nothing merged
        long stale = conversations.get(Viewer.SYSTEM, p.later()).version() - 1;
        Response conflict = aliceApi.post("/api/v1/conversations/" + p.earlier() + "/merge",
                "{\"from\": \"%s\", \"fromVersion\": %d}".formatted(p.later(), stale));
        assertThat(conflict.status()).as(conflict.body()).isEqualTo(409);
        assertThat(conversations.get(Viewer.SYSTEM, p.later()).mergedInto()).isNull();

        assertThat(merge(aliceApi, p.earlier(), p.later()).status()).isEqualTo(200);
        // merged once: a pointer is not merged again, nor replied to, nor undone when it is not merged
        assertThat(merge(aliceApi, p.earlier(), p.later()).status()).isEqualTo(400);
        assertThat(aliceApi.post("/api/v1/conversations/" + p.later() + "/notes", "{\"text\": \"hi\"}").status())
                .isEqualTo(400);
        assertThat(aliceApi.post("/api/v1/conversations/" + p.earlier() + "/unmerge", "").status()).isEqualTo(400);
        // hidden from bob: undo is "not found" to him
        assertThat(bobApi.post("/api/v1/conversations/" + p.later() + "/unmerge", "").status()).isEqualTo(404);
    }

    @Test
    void erasingTheCustomerForgetsTheTextTheMergeKeptForItsUndo() {
        Pair p = pair();
        assertThat(merge(aliceApi, p.earlier(), p.later()).status()).isEqualTo(200);
        assertThat(jdbc.queryForList("SELECT absorbed_snippet FROM conversation_merge WHERE absorbed_id = ?",
                String.class, (Object) bytes(p.later()))).containsExactly("I want a refund");

        Response erased = new ApiClient(port, ParleySpringTest.TOKEN).post("/api/v1/customers/" + p.customerId()
                + "/erase", "{\"reason\": \"merge test\"}");

        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        assertThat(jdbc.queryForList("SELECT absorbed_snippet FROM conversation_merge WHERE absorbed_id = ?",
                String.class, (Object) bytes(p.later()))).containsOnlyNulls().hasSize(1);
        assertThat(jdbc.queryForList("SELECT survivor_snippet FROM conversation_merge WHERE absorbed_id = ?",
                String.class, (Object) bytes(p.later()))).containsOnlyNulls();
    }

    private Response merge(ApiClient api, UUID path, UUID from) {
        return api.post("/api/v1/conversations/" + path + "/merge", "{\"from\": \"" + from + "\"}");
    }

    private List<UUID> messageIds(UUID conversationId) {
        return conversations.messages(Viewer.SYSTEM, conversationId).stream().map(MessageView::id).toList();
    }

    private static ConversationView withoutVersion(ConversationView c) {
        return new ConversationView(c.id(), c.customerId(), c.channel(), c.subject(), c.status(), c.priority(),
                c.teamId(), c.assigneeId(), c.tags(), c.snippet(), c.messageCount(), c.createdAt(), c.lastActivityAt(),
                c.lastCustomerMessageAt(), c.firstResponseAt(), c.resolvedAt(), null, c.sourceAccount(), c.snooze(),
                c.mergedInto());
    }

    private static byte[] bytes(UUID id) {
        return java.nio.ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
                .array();
    }

    private Agent agent(String name, Team of) {
        Agent agent = team.createAgent(name + "-" + run, name + " " + run, null, "secret-password",
                EnumSet.of(Role.AGENT));
        team.addMember(of.getId(), agent.getId(), false);
        return agent;
    }
}
