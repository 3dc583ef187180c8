package org.parley.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.base.Channel;
import org.parley.base.InvalidInputException;
import org.parley.base.events.SpineProgress;
import org.parley.conversation.ConversationAccess;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationStatus;
import org.parley.conversation.IncomingMessage;
import org.parley.conversation.Priority;
import org.parley.customer.CustomerDirectory;
import org.parley.security.ApiTokenService;
import org.parley.support.ApiClient;
import org.parley.support.ParleySpringTest;
import org.parley.team.Role;
import org.parley.team.Team;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Conversation search on H2 and MySQL/MariaDB (subclasses): the query language and its filters, ranked and
 * marked results, team visibility (found, shown and counted exactly as in the queues), the index following
 * changes, erasure, the REST contract and the rebuild.
 */
public abstract class SearchContract {

    @LocalServerPort
    int port;
    @Autowired
    TeamDirectory team;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    ConversationService conversations;
    @Autowired
    ConversationAccess access;
    @Autowired
    CustomerDirectory customers;
    @Autowired
    ConversationSearch search;
    @Autowired
    SearchIndexAdmin admin;
    @Autowired
    SpineProgress spine;
    @Autowired
    SavedViews views;
    @Autowired
    org.parley.conversation.ConversationMerges merges;

    String run;
    ApiClient bootstrap;
    Team billing;
    Team sales;
    UUID alice;
    UUID bob;
    Viewer aliceSees;
    Viewer bobSees;
    /** Jane's refund mail, in team Billing, assigned to Alice, tagged vip. */
    UUID refund;
    UUID jane;
    /** Otto's refund question, in team Sales: hidden from Alice. */
    UUID hidden;

    @BeforeEach
    void desk() {
        run = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()), 36);
        bootstrap = new ApiClient(port, ParleySpringTest.TOKEN);
        billing = team.createTeam("Billing " + run, null);
        sales = team.createTeam("Sales " + run, null);
        alice = agent("alice", Role.AGENT, billing);
        bob = agent("bob", Role.AGENT, sales);
        aliceSees = access.viewerOf(alice);
        bobSees = access.viewerOf(bob);

        refund = UUID.fromString(ingest("jane-" + run + "@example.com", "Jane " + run, "Refund for order " + run,
                "Hello, I would like a refund for my broken kettle <b>today</b> " + run));
        jane = conversations.get(Viewer.SYSTEM, refund).customerId();
        conversations.moveToTeam(Viewer.SYSTEM, refund, billing.getId());
        conversations.assign(Viewer.SYSTEM, refund, alice);
        conversations.setTags(Viewer.SYSTEM, refund, List.of("vip"));
        conversations.setPriority(Viewer.SYSTEM, refund, Priority.URGENT);
        hidden = UUID.fromString(ingest("otto-" + run + "@example.com", "Otto " + run, "Question " + run,
                "Do you refund shipping costs? " + run));
        conversations.moveToTeam(Viewer.SYSTEM, hidden, sales.getId());
        indexed();
    }

    @Test
    void findsAMessageByItsWordsWithTheMatchMarkedAndEverythingElseEscaped() {
        ConversationSearch.Page page = search.search(aliceSees, "kettle " + run, null, 20);

        assertThat(page.items()).hasSize(1);
        ConversationSearch.Hit hit = page.items().get(0);
        assertThat(hit.conversationId()).isEqualTo(refund);
        assertThat(hit.customerId()).isEqualTo(jane);
        assertThat(hit.customerName()).isEqualTo("Jane " + run);
        assertThat(hit.subject()).isEqualTo("Refund for order " + run);
        assertThat(hit.channel()).isEqualTo(Channel.EMAIL);
        assertThat(hit.status()).isEqualTo(ConversationStatus.OPEN);
        assertThat(hit.snippet()).contains("<mark>kettle</mark>").contains("&lt;b&gt;today&lt;")
                .doesNotContain("<b>");
        assertThat(page.total()).isEqualTo(1);
        assertThat(page.next()).isNull();
    }

    @Test
    void findsByCustomerNameIdentityAndPluralsAndAccents() {
        assertThat(ids(search.search(aliceSees, "jane " + run, null, 20))).containsExactly(refund);
        assertThat(ids(search.search(aliceSees, "kettles " + run, null, 20))).containsExactly(refund);
        assertThat(ids(search.search(aliceSees, "from:jane-" + run + "@example.com", null, 20)))
                .containsExactly(refund);
        assertThat(ids(search.search(aliceSees, "from:JANE-" + run + "@EXAMPLE.COM " + run, null, 20)))
                .containsExactly(refund);
    }

    @Test
    void filtersNarrowTheWords() {
        Viewer sees = access.viewerOf(agent("sue", Role.SUPERVISOR, null));
        String words = "refund " + run;
        assertThat(ids(search.search(sees, words, null, 20))).containsExactlyInAnyOrder(refund, hidden);
        assertThat(ids(search.search(sees, words + " tag:vip", null, 20))).containsExactly(refund);
        assertThat(ids(search.search(sees, words + " tag:VIP priority:urgent channel:email status:open", null, 20)))
                .containsExactly(refund);
        assertThat(ids(search.search(sees, words + " status:resolved", null, 20))).isEmpty();
        assertThat(ids(search.search(sees, words + " status:resolved status:open", null, 20))).hasSize(2);
        assertThat(ids(search.search(sees, words + " team:\"Sales " + run + "\"", null, 20))).containsExactly(hidden);
        assertThat(ids(search.search(sees, words + " assignee:alice-" + run, null, 20))).containsExactly(refund);
        assertThat(ids(search.search(sees, words + " assignee:none", null, 20))).containsExactly(hidden);
        assertThat(ids(search.search(aliceSees, words + " assignee:me", null, 20))).containsExactly(refund);
        assertThat(ids(search.search(sees, words + " channel:x", null, 20))).isEmpty();
        assertThat(ids(search.search(sees, words + " after:2000-01-01 before:2999-01-01", null, 20))).hasSize(2);
        assertThat(ids(search.search(sees, words + " before:2000-01-01", null, 20))).isEmpty();
        assertThat(ids(search.search(sees, words + " has:attachment", null, 20))).isEmpty();
        assertThat(ids(search.search(sees, words + " sla:breached", null, 20))).isEmpty();
        assertThat(ids(search.search(sees, "refund -kettle " + run, null, 20))).containsExactly(hidden);
    }

    @Test
    void anAgentNeverFindsNorCountsAConversationOfAnotherTeam() {
        assertThat(ids(search.search(aliceSees, "refund " + run, null, 20))).containsExactly(refund);
        assertThat(search.count(aliceSees, "refund " + run)).isEqualTo(1);
        assertThat(search.search(aliceSees, "Otto " + run, null, 20).total()).isZero();
        assertThat(ids(search.search(bobSees, "refund " + run, null, 20))).containsExactly(hidden);

        // assigned to Bob: now he sees Jane's conversation too, as in his queues
        conversations.assign(Viewer.SYSTEM, refund, bob);
        indexed();
        assertThat(ids(search.search(bobSees, "refund " + run, null, 20))).containsExactlyInAnyOrder(refund, hidden);
        // and Alice still sees it through her team
        assertThat(ids(search.search(aliceSees, "refund " + run, null, 20))).containsExactly(refund);
    }

    @Test
    void theIndexFollowsChangesNewMessagesAndNotes() {
        conversations.setStatus(Viewer.SYSTEM, refund, ConversationStatus.RESOLVED);
        conversations.addNoteAt(Viewer.SYSTEM, refund, alice, "Refunded via PayPal " + run, Instant.now());
        conversations.receive(Viewer.SYSTEM, new IncomingMessage(jane, "Jane " + run, Channel.API,
                "api-" + UUID.randomUUID(), null, "Thanks, the parcel arrived " + run, null, null, List.of(), null,
                Instant.now(), null));
        indexed();

        assertThat(ids(search.search(aliceSees, "paypal " + run, null, 20))).containsExactly(refund);
        assertThat(ids(search.search(aliceSees, "kettle status:resolved " + run, null, 20))).containsExactly(refund);
        assertThat(ids(search.search(aliceSees, "kettle status:open " + run, null, 20))).isEmpty();
        assertThat(search.search(aliceSees, "parcel " + run, null, 20).items()).singleElement()
                .satisfies(h -> assertThat(h.customerId()).isEqualTo(jane));

        // the customer renamed and given another address: found by both
        customers.update(jane, "Janet Q" + run, null, null);
        customers.addIdentity(jane, Channel.EMAIL, "janet-" + run + "@example.org");
        indexed();
        assertThat(search.search(aliceSees, "Janet Q" + run, null, 20).items()).isNotEmpty()
                .allSatisfy(h -> assertThat(h.customerId()).isEqualTo(jane));
        assertThat(ids(search.search(aliceSees, "Janet Q" + run, null, 20))).contains(refund);
        assertThat(ids(search.search(aliceSees, "from:janet-" + run + "@example.org", null, 20))).contains(refund);
    }

    @Test
    void mergedConversationsAreFoundAsTheSurvivorAndApartAgainAfterUndo() {
        UUID later = conversations.receive(Viewer.SYSTEM, new IncomingMessage(jane, "Jane " + run, Channel.API,
                "api-" + UUID.randomUUID(), "Toaster " + run, "my toaster sparks " + run, null, null, List.of(), null,
                Instant.now(), null)).conversationId();
        conversations.moveToTeam(Viewer.SYSTEM, later, billing.getId());
        indexed();
        assertThat(ids(search.search(aliceSees, "toaster " + run, null, 20))).containsExactly(later);

        merges.merge(Viewer.SYSTEM, refund, later, null, null);
        indexed();
        assertThat(ids(search.search(aliceSees, "toaster " + run, null, 20))).containsExactly(refund);
        SavedViews.ViewInfo all = views.create(aliceSees, "Toasters " + run, "toaster " + run,
                ConversationSearch.Sort.NEWEST_ACTIVITY, null);
        assertThat(views.page(aliceSees, all.id(), 0, 10)).containsExactly(refund);

        merges.unmerge(Viewer.SYSTEM, later);
        indexed();
        assertThat(ids(search.search(aliceSees, "toaster " + run, null, 20))).containsExactly(later);
    }

    @Test
    void anErasedCustomerIsNotFoundAnyMore() {
        customers.erase(jane, "GDPR request " + run);
        indexed();

        assertThat(search.search(access.viewerOf(agent("sue", Role.SUPERVISOR, null)), "kettle " + run, null, 20)
                .items()).isEmpty();
    }

    @Test
    void malformedQueriesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> search.search(aliceSees, "refund colour:blue", null, 20))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown filter 'colour:'");
        assertThatThrownBy(() -> search.search(aliceSees, "status:lost", null, 20))
                .hasMessageContaining("status is one of open, pending, resolved, closed");
        assertThatThrownBy(() -> search.search(aliceSees, "after:yesterday", null, 20))
                .hasMessageContaining("is not a date");
        assertThatThrownBy(() -> search.search(aliceSees, "team:nosuchteam" + run, null, 20))
                .hasMessageContaining("there is no team");
        assertThatThrownBy(() -> search.search(aliceSees, "\"unclosed phrase", null, 20))
                .hasMessageContaining("not closed");
    }

    @Test
    void restSearchPagesWithACursorAndAnswers400ForAMalformedQuery() {
        for (int i = 0; i < 3; i++) {
            conversations.addNoteAt(Viewer.SYSTEM, refund, alice, "Paging note " + i + " " + run, Instant.now());
        }
        indexed();
        ApiClient aliceApi = new ApiClient(port, tokens.create("alice " + run, alice).token());

        ApiClient.Response first = aliceApi.get("/api/v1/search?q=" + ApiClient.encode("paging " + run) + "&limit=2");
        assertThat(first.status()).isEqualTo(200);
        JsonNode items = first.json().get("items");
        assertThat(items).hasSize(2);
        JsonNode item = items.get(0);
        for (String field : List.of("conversationId", "messageId", "customerId", "customerName", "channel", "subject",
                "snippet", "status", "occurredAt")) {
            assertThat(item.has(field)).as(field).isTrue();
        }
        assertThat(item.get("conversationId").asString()).isEqualTo(refund.toString());
        assertThat(item.get("snippet").asString()).contains("<mark>Paging</mark>");
        String next = first.json().get("next").asString();
        ApiClient.Response second = aliceApi.get("/api/v1/search?q=" + ApiClient.encode("paging " + run)
                + "&limit=2&cursor=" + next);
        assertThat(second.json().get("items")).hasSize(1);
        assertThat(second.json().get("next").isNull()).isTrue();

        ApiClient.Response bad = aliceApi.get("/api/v1/search?q=" + ApiClient.encode("colour:blue"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text("error")).contains("unknown filter");
        assertThat(aliceApi.get("/api/v1/search?q=x&cursor=garbage").status()).isEqualTo(400);
        assertThat(aliceApi.get("/api/v1/search?q=x&limit=1000").status()).isEqualTo(400);
    }

    @Test
    void anAdminRebuildsTheIndexAndAnAgentMayNot() throws InterruptedException {
        ApiClient aliceApi = new ApiClient(port, tokens.create("alice " + run, alice).token());
        assertThat(aliceApi.post("/api/v1/search/rebuild", "").status()).isEqualTo(403);

        ApiClient.Response started = bootstrap.post("/api/v1/search/rebuild", "");
        assertThat(started.status()).isEqualTo(202);
        assertThat(admin.awaitIdle(Duration.ofMinutes(2)).phase()).isEqualTo("DONE");
        JsonNode progress = bootstrap.get("/api/v1/search/rebuild").json();
        assertThat(progress.get("phase").asString()).isEqualTo("DONE");
        assertThat(progress.get("fraction").asDouble()).isEqualTo(1.0);

        assertThat(ids(search.search(aliceSees, "kettle " + run, null, 20))).containsExactly(refund);
        assertThat(search.count(aliceSees, "Otto " + run)).isZero();
    }

    @Test
    void savedViewsListCountAndSortWhatTheirViewerMaySee() {
        UUID low = UUID.fromString(ingest("lou-" + run + "@example.com", "Lou " + run, "Slow refund " + run,
                "still no refund " + run));
        conversations.moveToTeam(Viewer.SYSTEM, low, billing.getId());
        conversations.setPriority(Viewer.SYSTEM, low, Priority.LOW);
        // Lou's conversation is the newest activity for certain (two ingests may share a second)
        conversations.addNoteAt(Viewer.SYSTEM, low, alice, "Checked " + run, Instant.now().plusSeconds(5));
        indexed();

        SavedViews.ViewInfo refunds = views.create(aliceSees, "Refunds " + run, "refund " + run,
                ConversationSearch.Sort.PRIORITY, billing.getId());
        assertThat(views.page(aliceSees, refunds.id(), 0, 10)).containsExactly(refund, low);
        assertThat(views.count(aliceSees, refunds.id())).isEqualTo(2);
        // the same query sorted by newest activity: Lou wrote last
        SavedViews.ViewInfo newest = views.create(aliceSees, "Newest " + run, "refund " + run,
                ConversationSearch.Sort.NEWEST_ACTIVITY, null);
        assertThat(views.page(aliceSees, newest.id(), 0, 10)).containsExactly(low, refund);
        assertThat(views.page(aliceSees, newest.id(), 1, 10)).containsExactly(refund);
        SavedViews.ViewInfo waiting = views.create(aliceSees, "Waiting " + run, "refund " + run,
                ConversationSearch.Sort.OLDEST_WAITING, null);
        assertThat(views.page(aliceSees, waiting.id(), 0, 10)).containsExactly(refund, low);
        SavedViews.ViewInfo due = views.create(aliceSees, "Due " + run, "refund " + run,
                ConversationSearch.Sort.SLA_DUE, null);
        assertThat(views.page(aliceSees, due.id(), 0, 10)).containsExactlyInAnyOrder(refund, low);

        // shared with Billing: another member sees it and its count, as they may see the conversations
        UUID carl = agent("carl", Role.AGENT, billing);
        Viewer carlSees = access.viewerOf(carl);
        assertThat(views.of(carlSees)).extracting(SavedViews.ViewInfo::id).containsExactly(refunds.id());
        assertThat(views.count(carlSees, refunds.id())).isEqualTo(2);
        assertThat(views.of(carlSees).get(0).mine()).isFalse();
        // Bob (Sales) sees neither Alice's views nor, through them, Billing's conversations
        assertThat(views.of(bobSees)).isEmpty();
        assertThatThrownBy(() -> views.page(bobSees, refunds.id(), 0, 10))
                .isInstanceOf(org.parley.base.NotFoundException.class);
        assertThatThrownBy(() -> views.delete(carlSees, refunds.id()))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);

        // a snoozed or resolved-away conversation follows: the count follows the conversations
        conversations.setStatus(Viewer.SYSTEM, low, ConversationStatus.RESOLVED);
        indexed();
        SavedViews.ViewInfo open = views.create(aliceSees, "Open refunds " + run, "refund status:open " + run,
                ConversationSearch.Sort.NEWEST_ACTIVITY, null);
        assertThat(views.count(aliceSees, open.id())).isEqualTo(1);

        assertThatThrownBy(() -> views.create(aliceSees, " ", "refund", ConversationSearch.Sort.PRIORITY, null))
                .hasMessageContaining("needs a name");
        assertThatThrownBy(() -> views.create(aliceSees, "Bad", "colour:red", ConversationSearch.Sort.PRIORITY, null))
                .hasMessageContaining("unknown filter");
        assertThatThrownBy(() -> views.create(aliceSees, "Theirs", "refund", ConversationSearch.Sort.PRIORITY,
                sales.getId())).hasMessageContaining("only with a team you are in");
        views.delete(aliceSees, refunds.id());
        assertThat(views.of(carlSees)).isEmpty();
    }

    private void indexed() {
        assertThat(spine.awaitApplied(SearchIndexer.NAME, Duration.ofSeconds(60))).isTrue();
    }

    private static List<UUID> ids(ConversationSearch.Page page) {
        return page.items().stream().map(ConversationSearch.Hit::conversationId).distinct().toList();
    }

    private UUID agent(String name, Role role, Team of) {
        UUID id = team.createAgent(name + "-" + run, name + " " + run, name + "-" + run + "@parley.test",
                "secret-password", EnumSet.of(role)).getId();
        if (of != null) {
            team.addMember(of.getId(), id, false);
        }
        return id;
    }

    private String ingest(String from, String name, String subject, String text) {
        ApiClient.Response created = bootstrap.post("/api/v1/inbound", """
                {"channel": "EMAIL", "externalId": "%s", "from": {"type": "EMAIL", "value": "%s", "name": "%s"},
                 "subject": "%s", "text": "%s"}""".formatted(UUID.randomUUID(), from, name, subject, text));
        assertThat(created.status()).isEqualTo(201);
        return created.text("conversationId");
    }
}
