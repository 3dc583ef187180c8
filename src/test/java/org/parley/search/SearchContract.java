package org.parley.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
    @Autowired
    SearchIndexer indexer;
    @Autowired
    SearchDocuments documents;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JsonMapper json;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    EntityManager em;

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
    void customerMergesAndTheirUndoingAreFollowedWhileTheCustomersKeepWriting() throws Exception {
        UUID otto = conversations.get(Viewer.SYSTEM, hidden).customerId();
        Viewer sue = access.viewerOf(agent("sue", Role.SUPERVISOR, null));
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.Future<Integer> writing;
        try (var writer = java.util.concurrent.Executors.newSingleThreadExecutor()) {
            // new messages of both keep arriving: the search subscriber writes their documents meanwhile
            writing = writer.submit(() -> {
                int sent = 0;
                while (!stop.get() && sent < 60) {
                    String who = sent % 2 == 0 ? "jane" : "otto";
                    ingest(who + "-" + run + "@example.com", who + " " + run, "Blender " + sent + " " + run,
                            "my blender hums " + run);
                    sent++;
                }
                return sent;
            });
            for (int round = 0; round < 8; round++) {
                customers.merge(jane, otto);
                customers.unmerge(customers.mergesInto(jane).getFirst().id());
            }
            customers.merge(jane, otto);
            stop.set(true);
            assertThat(writing.get()).isPositive();
        }
        settled();

        ConversationSearch.Page merged = search.search(sue, "blender " + run, null, 100);
        assertThat(merged.items()).isNotEmpty().allSatisfy(hit -> assertThat(hit.customerId()).isEqualTo(jane));
        assertThat(ids(search.search(sue, "from:otto-" + run + "@example.com refund", null, 20)))
                .as("the absorbed customer's address finds their conversation under the survivor").contains(hidden);

        customers.unmerge(customers.mergesInto(jane).getFirst().id());
        settled();
        // what began while they were merged stays with the survivor, the rest is found under its customer again
        ConversationSearch.Page apart = search.search(sue, "blender " + run, null, 100);
        assertThat(apart.items()).hasSameSizeAs(merged.items()).allSatisfy(hit -> assertThat(hit.customerId())
                .isEqualTo(conversations.get(Viewer.SYSTEM, hit.conversationId()).customerId()));
        assertThat(search.search(sue, "refund " + run, null, 20).items())
                .filteredOn(hit -> hit.conversationId().equals(hidden)).isNotEmpty()
                .allSatisfy(hit -> assertThat(hit.customerId()).isEqualTo(otto));
    }

    @Test
    void anErasedCustomerIsNotFoundAnyMore() {
        customers.erase(jane, "GDPR request " + run);
        indexed();

        assertThat(search.search(access.viewerOf(agent("sue", Role.SUPERVISOR, null)), "kettle " + run, null, 20)
                .items()).isEmpty();
    }

    @Test
    void aDocumentTheSubscriberWroteWhileTheCustomerWasErasedIsRemovedRightAfter() throws Exception {
        Viewer sue = access.viewerOf(agent("sue", Role.SUPERVISOR, null));
        java.util.concurrent.CountDownLatch written = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch erased = new java.util.concurrent.CountDownLatch(1);
        try (var subscriber = java.util.concurrent.Executors.newSingleThreadExecutor()) {
            // as the search subscriber in the middle of a batch: its position locked, a new message's document
            // written from what it read before the erasure, not committed yet
            java.util.concurrent.Future<?> batch = subscriber.submit(() -> new TransactionTemplate(transactions)
                    .executeWithoutResult(s -> {
                        jdbc.queryForList("SELECT position FROM event_subscriber WHERE name = ? OR name LIKE ?"
                                + " FOR UPDATE", SearchIndexer.NAME, SearchIndexer.NAME + "@%");
                        SearchDocument late = new SearchDocument(UUID.randomUUID());
                        late.message(refund, Channel.EMAIL, org.parley.conversation.Direction.INBOUND, "Jane " + run,
                                "and the kettle whistles " + run, Instant.now(), false);
                        late.conversation("Refund for order " + run, ConversationStatus.OPEN, Priority.URGENT,
                                billing.getId(), alice, "vip", false);
                        late.customer(jane, "Jane " + run, "jane-" + run + "@example.com");
                        em.persist(late);
                        em.flush();
                        written.countDown();
                        try {
                            assertThat(erased.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    }));
            assertThat(written.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            customers.erase(jane, "GDPR request " + run);
            erased.countDown();
            batch.get();
        }
        indexed();

        assertThat(search.search(sue, "whistles " + run, null, 20).items()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM search_document WHERE body LIKE ?", Integer.class,
                "%whistles " + run + "%")).isZero();
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

    /**
     * The subscriber syncs a handout's conversations together: the same documents as syncing them one by one (and
     * as the running subscriber wrote), read in a few queries for all of them before anything is written.
     */
    @Test
    void aHandoutSyncsItsConversationsTogetherExactlyAsOneByOneAndReadsBeforeItWrites() {
        UUID noted = UUID.fromString(ingest("nina-" + run + "@example.com", "Nina " + run, "Noted " + run,
                "my blender hums " + run));
        UUID tagged = UUID.fromString(ingest("tom-" + run + "@example.com", "Tom " + run, "Tagged " + run,
                "my lamp flickers " + run));
        UUID absorbed = conversations.receive(Viewer.SYSTEM, new IncomingMessage(jane, "Jane " + run, Channel.API,
                "api-" + UUID.randomUUID(), "Toaster " + run, "my toaster sparks " + run, null, null, List.of(), null,
                Instant.now(), null)).conversationId();
        conversations.moveToTeam(Viewer.SYSTEM, absorbed, billing.getId());
        settled();
        List<UUID> absorbedMessages = conversations.messages(Viewer.SYSTEM, absorbed).stream()
                .map(org.parley.conversation.MessageView::id).toList();
        // an SLA breach marked the documents of one conversation already: it stays marked
        jdbc.update("UPDATE search_document SET sla_breached = TRUE WHERE conversation_id = ?", (Object) Rows.bytes(tagged));
        List<UUID> before = List.of(refund, noted, tagged, absorbed, hidden);
        Rows original = rows(before);
        long head = jdbc.queryForObject("SELECT COALESCE(MAX(seq), 0) FROM domain_event", Long.class);

        // one handout: new messages in two conversations (one of them new), new tags, a merge
        conversations.addNoteAt(Viewer.SYSTEM, noted, alice, "Checked the blender " + run, Instant.now());
        conversations.setTags(Viewer.SYSTEM, tagged, List.of("Big Deal", "vip"));
        merges.merge(Viewer.SYSTEM, refund, absorbed, null, null);
        UUID fresh = UUID.fromString(ingest("fay-" + run + "@example.com", "Fay " + run, "Fresh " + run,
                "my kettle leaks " + run));
        settled();
        List<UUID> all = List.of(refund, noted, tagged, absorbed, hidden, fresh);
        Rows followed = rows(all);
        List<org.parley.base.events.DomainEvent> handout = jdbc.query(
                "SELECT event_type, payload FROM domain_event WHERE seq > ? ORDER BY seq", (r, i) -> event(
                        r.getString(1), r.getString(2)), head).stream()
                .filter(e -> indexer.accepts(e.getClass())).toList();
        assertThat(handout).hasSizeGreaterThanOrEqualTo(4);

        restore(original, all);
        Statements statements = new Statements();
        new TransactionTemplate(transactions).executeWithoutResult(s -> {
            em.unwrap(org.hibernate.engine.spi.SessionImplementor.class).getEventListenerManager()
                    .addListener(statements);
            indexer.handle(handout);
        });
        Rows together = rows(all);

        restore(original, all);
        new TransactionTemplate(transactions).executeWithoutResult(s -> all.forEach(id -> documents.sync(id, false)));
        Rows oneByOne = rows(all);

        assertThat(together).isEqualTo(oneByOne).isEqualTo(followed);
        // the merged conversation's messages are the survivor's now, found by their id; the pointer has no rows
        assertThat(together.documents(absorbed)).isEmpty();
        assertThat(together.conversations()).doesNotContainKey(absorbed);
        assertThat(together.documents(refund)).extracting(d -> d.get("ID")).containsAll(absorbedMessages.stream()
                .map(Rows::hex).toList());
        assertThat(together.documents(tagged)).isNotEmpty().allSatisfy(d -> assertThat(d.get("TAGS"))
                .isEqualTo("big_deal vip"));
        assertThat(together.documents(noted)).extracting(d -> (String) d.get("BODY"))
                .contains("Checked the blender " + run);
        assertThat(together.documents(fresh)).singleElement().satisfies(d -> assertThat(d.get("CUSTOMER_NAME"))
                .isEqualTo("Fay " + run));
        assertThat(together.conversations()).containsKeys(refund, noted, tagged, fresh, hidden);
        assertThat(statements.readsAfterFirstWrite).as("no query after the first write: %s", statements).isZero();
        // conversations, the conversation rows, messages, their documents, those of messages new to a conversation,
        // attachments, customers with identities, their attributes, SLA breaches of the new conversation; for the one
        // that only gained a note, that note and the time of its last document: for all six conversations together
        // (one by one it was about 8 each, 43 in all, most of them after writes)
        assertThat(statements.reads).as("reads of the whole handout: %s", statements).isLessThanOrEqualTo(11);
        assertThat(together.documents(tagged)).allSatisfy(d -> assertThat(d.get("SLA_BREACHED")).isEqualTo(true));
        assertThat(together.conversations().get(tagged).get("SLA_BREACHED")).isEqualTo(true);
        assertThat(together.documents(noted)).allSatisfy(d -> assertThat(d.get("SLA_BREACHED")).isEqualTo(false));

        // the same handout with a breach of another conversation: marked together as one by one
        List<org.parley.base.events.DomainEvent> withBreach = new java.util.ArrayList<>(handout);
        withBreach.add(new org.parley.sla.EscalationRaised(UUID.randomUUID(), noted, null,
                org.parley.sla.EscalationLevel.BREACH, org.parley.sla.SlaTarget.FIRST_RESPONSE, List.of(),
                Instant.now(), Instant.now()));
        restore(original, all);
        new TransactionTemplate(transactions).executeWithoutResult(s -> indexer.handle(withBreach));
        Rows breachedTogether = rows(all);
        restore(original, all);
        new TransactionTemplate(transactions).executeWithoutResult(s -> all.forEach(id -> documents.sync(id,
                id.equals(noted))));
        assertThat(breachedTogether).isEqualTo(rows(all));
        assertThat(breachedTogether.documents(noted)).isNotEmpty()
                .allSatisfy(d -> assertThat(d.get("SLA_BREACHED")).isEqualTo(true));
        assertThat(breachedTogether.conversations().get(noted).get("SLA_BREACHED")).isEqualTo(true);
        assertThat(breachedTogether.documents(fresh)).allSatisfy(d -> assertThat(d.get("SLA_BREACHED"))
                .isEqualTo(false));
    }

    /**
     * A handout that only adds messages to a conversation writes their documents and extends its row without loading
     * any of its earlier documents: the same rows as syncing it whole, and a conversation whose row no longer shows
     * it as it is (here: resolved meanwhile, without its event in the handout) is synced whole.
     */
    @Test
    void newMessagesAreIndexedWithoutReadingTheConversationsEarlierDocuments() {
        UUID conversation = UUID.fromString(ingest("olga-" + run + "@example.com", "Olga " + run, "Fridge " + run,
                "my fridge drips " + run));
        for (int i = 0; i < 5; i++) {
            conversations.addNoteAt(Viewer.SYSTEM, conversation, alice, "Checked shelf " + i + " " + run, Instant.now());
        }
        settled();
        Rows original = rows(List.of(conversation));
        assertThat(original.documents(conversation)).hasSize(6);
        long head = jdbc.queryForObject("SELECT COALESCE(MAX(seq), 0) FROM domain_event", Long.class);
        conversations.addNoteAt(Viewer.SYSTEM, conversation, alice, "Ordered a seal " + run, Instant.now());
        conversations.addNoteAt(Viewer.SYSTEM, conversation, alice, "Seal fitted " + run, Instant.now());
        settled();
        Rows followed = rows(List.of(conversation));
        List<org.parley.base.events.DomainEvent> handout = jdbc.query(
                "SELECT event_type, payload FROM domain_event WHERE seq > ? ORDER BY seq", (r, i) -> event(
                        r.getString(1), r.getString(2)), head).stream()
                .filter(e -> indexer.accepts(e.getClass())).toList();
        assertThat(handout).hasSize(2);

        restore(original, List.of(conversation));
        long[] documentsLoaded = new long[1];
        new TransactionTemplate(transactions).executeWithoutResult(s -> {
            indexer.handle(handout);
            documentsLoaded[0] = searchDocumentsInSession();
        });
        assertThat(documentsLoaded[0]).as("only the two new notes' documents").isEqualTo(2);
        Rows appended = rows(List.of(conversation));
        restore(original, List.of(conversation));
        new TransactionTemplate(transactions).executeWithoutResult(s -> documents.sync(conversation, false));
        assertThat(appended).isEqualTo(rows(List.of(conversation))).isEqualTo(followed);
        assertThat(appended.documents(conversation)).hasSize(8);
        assertThat(appended.conversations().get(conversation).get("BODY")).asString().contains("Seal fitted " + run);
        assertThat(ids(search.search(Viewer.SYSTEM, "seal fitted " + run, null, 20))).containsExactly(conversation);

        // resolved since its row was written: the same handout syncs it whole (every document shows the status)
        restore(original, List.of(conversation));
        jdbc.update("UPDATE conversation SET status = 'RESOLVED' WHERE id = ?", (Object) Rows.bytes(conversation));
        new TransactionTemplate(transactions).executeWithoutResult(s -> {
            indexer.handle(handout);
            documentsLoaded[0] = searchDocumentsInSession();
        });
        assertThat(documentsLoaded[0]).as("synced whole").isEqualTo(8);
        assertThat(rows(List.of(conversation)).documents(conversation)).hasSize(8)
                .allSatisfy(d -> assertThat(d.get("STATUS")).isEqualTo("RESOLVED"));
    }

    /** The search documents the current session holds (loaded or new). */
    private long searchDocumentsInSession() {
        return em.unwrap(org.hibernate.Session.class).getStatistics().getEntityKeys().stream()
                .filter(k -> k instanceof org.hibernate.engine.spi.EntityKey key
                        && key.getEntityName().equals(SearchDocument.class.getName())).count();
    }

    /** Counts the JDBC statements of one session: reads before its first write, and any after. */
    static final class Statements implements org.hibernate.SessionEventListener {
        int reads;
        int readsAfterFirstWrite;
        int writeBatches;

        @Override
        public void jdbcExecuteStatementStart() {
            if (writeBatches == 0) {
                reads++;
            } else {
                readsAfterFirstWrite++;
            }
        }

        @Override
        public void jdbcExecuteBatchStart() {
            writeBatches++;
        }

        @Override
        public String toString() {
            return reads + " reads, then " + writeBatches + " write batches, " + readsAfterFirstWrite
                    + " reads after the first write";
        }
    }

    private org.parley.base.events.DomainEvent event(String type, String payload) {
        try {
            return (org.parley.base.events.DomainEvent) json.readValue(payload, Class.forName(type));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The search rows of some conversations, by conversation (UUIDs as hex, column names upper case). */
    record Rows(Map<UUID, List<Map<String, Object>>> byConversation, Map<UUID, Map<String, Object>> conversations) {

        List<Map<String, Object>> documents(UUID conversationId) {
            return byConversation.getOrDefault(conversationId, List.of());
        }

        static String hex(UUID id) {
            return HexFormat.of().formatHex(bytes(id));
        }

        static byte[] bytes(UUID id) {
            return java.nio.ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
                    .putLong(id.getLeastSignificantBits()).array();
        }
    }

    private Rows rows(List<UUID> conversationIds) {
        Map<UUID, List<Map<String, Object>>> documents = new TreeMap<>();
        Map<UUID, Map<String, Object>> rows = new TreeMap<>();
        for (UUID id : conversationIds) {
            List<Map<String, Object>> docs = jdbc.queryForList(
                    "SELECT * FROM search_document WHERE conversation_id = ? ORDER BY id", (Object) Rows.bytes(id))
                    .stream().map(SearchContract::comparable).toList();
            if (!docs.isEmpty()) {
                documents.put(id, docs);
            }
            jdbc.queryForList("SELECT * FROM search_conversation WHERE id = ?", (Object) Rows.bytes(id)).stream()
                    .findFirst().ifPresent(row -> rows.put(id, comparable(row)));
        }
        return new Rows(documents, rows);
    }

    private static Map<String, Object> comparable(Map<String, Object> row) {
        Map<String, Object> copy = new TreeMap<>();
        row.forEach((column, value) -> copy.put(column.toUpperCase(java.util.Locale.ROOT),
                value instanceof byte[] b ? HexFormat.of().formatHex(b) : value instanceof java.sql.Clob c ? text(c)
                        : value));
        return copy;
    }

    private static String text(java.sql.Clob clob) {
        try {
            return clob.getSubString(1, (int) clob.length());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Puts the search rows of these conversations back as they were (without indexing them). */
    private void restore(Rows original, List<UUID> conversationIds) {
        for (UUID id : conversationIds) {
            jdbc.update("DELETE FROM search_document WHERE conversation_id = ?", (Object) Rows.bytes(id));
            jdbc.update("DELETE FROM search_conversation WHERE id = ?", (Object) Rows.bytes(id));
        }
        original.byConversation().values().forEach(docs -> docs.forEach(d -> insert("search_document", d)));
        original.conversations().values().forEach(row -> insert("search_conversation", row));
    }

    private void insert(String table, Map<String, Object> row) {
        List<String> columns = List.copyOf(row.keySet());
        Object[] values = columns.stream().map(c -> row.get(c) instanceof String s && isUuidColumn(c) && s != null
                ? HexFormat.of().parseHex(s) : row.get(c)).toArray();
        jdbc.update("INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")", values);
    }

    private static boolean isUuidColumn(String column) {
        return column.equals("ID") || column.endsWith("_ID");
    }

    /** Indexed, and no subscriber's reaction (routing, SLA) adds events any more. */
    private void settled() {
        long head;
        do {
            head = jdbc.queryForObject("SELECT COALESCE(MAX(seq), 0) FROM domain_event", Long.class);
            indexed();
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } while (head != jdbc.queryForObject("SELECT COALESCE(MAX(seq), 0) FROM domain_event", Long.class));
        indexed();
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
