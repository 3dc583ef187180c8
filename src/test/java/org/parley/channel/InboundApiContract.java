package org.parley.channel;

import org.parley.conversation.ConversationAccess.Viewer;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationStatus;
import org.parley.customer.CustomerDirectory;
import org.parley.support.ApiClient;
import org.parley.support.ApiClient.Response;
import org.parley.support.ParleySpringTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP contract of the ingestion pipeline, run on H2 and on MySQL/MariaDB by its subclasses:
 * every integration written against {@code POST /api/v1/inbound} relies on these answers.
 */
abstract class InboundApiContract {

    @LocalServerPort
    int port;

    @Autowired
    ConversationService conversations;

    @Autowired
    CustomerDirectory customers;

    @Autowired
    org.parley.team.TeamDirectory team;

    ApiClient api;
    String run;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port, ParleySpringTest.TOKEN);
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    String email(String name) {
        return name + "." + run + "@example.com";
    }

    static String inbound(String channel, String externalId, String fromType, String fromValue, String name,
            String subject, String text, String extra) {
        return """
                {"channel": "%s", "externalId": "%s", "from": {"type": "%s", "value": "%s", "name": "%s"},
                 "subject": %s, "text": "%s"%s}""".formatted(channel, externalId, fromType, fromValue, name,
                subject == null ? "null" : "\"" + subject + "\"", text, extra == null ? "" : ", " + extra);
    }

    @Test
    void thirtyTwoThreadsFromTheSameTenNewSendersMakeExactlyTenCustomersWithoutAnError() throws Exception {
        int threads = 32;
        int perThread = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<String>>> work = new ArrayList<>();
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            work.add(pool.submit(() -> {
                start.await();
                List<String> answers = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    int sender = (thread + i) % 10;
                    Response r = api.post("/api/v1/inbound", inbound("EMAIL", "burst-" + run + "-" + thread + "-" + i,
                            "EMAIL", email("burst" + sender), "Sender " + sender, "Burst " + sender, "Hello", null));
                    answers.add(r.status() + " " + sender + " " + r.json().path("customerId").asString());
                }
                return answers;
            }));
        }
        start.countDown();
        List<String> answers = new ArrayList<>();
        for (Future<List<String>> f : work) {
            answers.addAll(f.get());
        }
        pool.shutdown();

        assertThat(answers).hasSize(threads * perThread).allMatch(a -> a.startsWith("201 "));
        java.util.Map<String, Set<String>> customersBySender = answers.stream().map(a -> a.split(" "))
                .collect(Collectors.groupingBy(a -> a[1], Collectors.mapping(a -> a[2], Collectors.toSet())));
        assertThat(customersBySender).hasSize(10).allSatisfy((sender, ids) -> assertThat(ids).hasSize(1));
        assertThat(customersBySender.values().stream().flatMap(Set::stream).distinct()).hasSize(10);
    }

    @Test
    void aNewMessageCreatesCustomerConversationAndMessage() {
        Response created = api.post("/api/v1/inbound", inbound("EMAIL", "m1-" + run, "EMAIL",
                email("Jane").toUpperCase(), "Jane Doe", "Refund please", "Where is my refund?", null));

        assertThat(created.status()).isEqualTo(201);
        JsonNode ids = created.json();
        assertThat(ids.path("messageId").asString()).isNotBlank();
        String conversationId = ids.path("conversationId").asString();
        String customerId = ids.path("customerId").asString();

        JsonNode conversation = api.get("/api/v1/conversations/" + conversationId).json();
        assertThat(conversation.path("status").asString()).isEqualTo("OPEN");
        assertThat(conversation.path("priority").asString()).isEqualTo("NORMAL");
        assertThat(conversation.path("subject").asString()).isEqualTo("Refund please");
        assertThat(conversation.path("messages")).hasSize(1);
        assertThat(conversation.path("messages").get(0).path("direction").asString()).isEqualTo("INBOUND");
        assertThat(conversation.path("messages").get(0).path("text").asString()).isEqualTo("Where is my refund?");

        JsonNode customer = api.get("/api/v1/customers/" + customerId).json();
        assertThat(customer.path("name").asString()).isEqualTo("Jane Doe");
        assertThat(customer.path("identities").get(0).path("type").asString()).isEqualTo("EMAIL");
        assertThat(customer.path("identities").get(0).path("value").asString()).isEqualTo(email("jane"));
    }

    @Test
    void aDuplicateDeliveryAnswers200WithTheSameIdsAndStoresNothingTwice() {
        String body = inbound("WHATSAPP", "wamid." + run, "WHATSAPP", "4915112345" + (100 + (run.hashCode() & 0x1ff)),
                "Omar", null, "Hallo, ist meine Bestellung unterwegs?", null);
        Response first = api.post("/api/v1/inbound", body);
        Response second = api.post("/api/v1/inbound", body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json()).isEqualTo(first.json());
        String customerId = first.text("customerId");
        assertThat(api.get("/api/v1/customers/" + customerId + "/timeline").json()).hasSize(1);
    }

    @Test
    void concurrentDuplicateDeliveriesAreStoredExactlyOnce() throws Exception {
        String body = inbound("X", "tweet-" + run, "X", "@racer_" + run, "Racer", null, "@brand hello?", null);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> api.post("/api/v1/inbound", body));
            }
            List<Response> responses = new ArrayList<>();
            for (Future<Response> f : pool.invokeAll(calls)) {
                responses.add(f.get());
            }
            assertThat(responses).extracting(Response::status).containsOnly(200, 201);
            assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
            Set<String> messageIds = responses.stream().map(r -> r.text("messageId")).collect(Collectors.toSet());
            assertThat(messageIds).hasSize(1);
            String customerId = responses.getFirst().text("customerId");
            assertThat(api.get("/api/v1/customers/" + customerId + "/timeline").json()).hasSize(1);
            assertThat(api.get("/api/v1/customers?identity=X:racer_" + run).json()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void repliesThreadByInReplyToAndReferencesAndReopenResolvedConversations() {
        String from = email("thread");
        Response first = api.post("/api/v1/inbound", inbound("EMAIL", "<a-" + run + "@mail>", "EMAIL", from, "T",
                "Question", "First", null));
        String conversationId = first.text("conversationId");
        conversations.setStatus(Viewer.SYSTEM, java.util.UUID.fromString(conversationId), ConversationStatus.RESOLVED);

        Response reply = api.post("/api/v1/inbound", inbound("EMAIL", "<b-" + run + "@mail>", "EMAIL", from, "T",
                "Re: Question", "Second", "\"inReplyTo\": \"<a-" + run + "@mail>\""));
        // Outlook style: no In-Reply-To, only References
        Response outlook = api.post("/api/v1/inbound", inbound("EMAIL", "<c-" + run + "@mail>", "EMAIL", from, "T",
                "AW: Question", "Third", "\"references\": [\"<a-" + run + "@mail>\", \"<b-" + run + "@mail>\"]"));

        assertThat(reply.text("conversationId")).isEqualTo(conversationId);
        assertThat(outlook.text("conversationId")).isEqualTo(conversationId);
        JsonNode conversation = api.get("/api/v1/conversations/" + conversationId).json();
        assertThat(conversation.path("status").asString()).isEqualTo("OPEN");
        assertThat(conversation.path("messages")).hasSize(3);
    }

    @Test
    void threadKeyAndTheOpenConversationWindowKeepAChatTogether() {
        String handle = "chat_" + run;
        Response a = api.post("/api/v1/inbound", inbound("INSTAGRAM", "ig-1-" + run, "INSTAGRAM", handle, "C", null,
                "hi", "\"threadKey\": \"thread-" + run + "\""));
        Response b = api.post("/api/v1/inbound", inbound("INSTAGRAM", "ig-2-" + run, "INSTAGRAM", "@" + handle.toUpperCase(),
                "C", null, "are you there?", null));
        Response otherChannel = api.post("/api/v1/inbound", inbound("X", "x-1-" + run, "X", handle, "C", null,
                "hello on X", null));

        assertThat(b.text("conversationId")).isEqualTo(a.text("conversationId"));
        assertThat(b.text("customerId")).isEqualTo(a.text("customerId"));
        assertThat(otherChannel.text("conversationId")).isNotEqualTo(a.text("conversationId"));
    }

    @Test
    void aMessageOutsideTheWindowStartsANewConversation() {
        String from = email("window");
        Instant old = Instant.now().minus(10, ChronoUnit.DAYS);
        Response a = api.post("/api/v1/inbound", inbound("EMAIL", "w1-" + run, "EMAIL", from, "W", "Old", "old",
                "\"receivedAt\": \"" + old + "\""));
        Response b = api.post("/api/v1/inbound", inbound("EMAIL", "w2-" + run, "EMAIL", from, "W", "New", "new", null));

        assertThat(b.text("customerId")).isEqualTo(a.text("customerId"));
        assertThat(b.text("conversationId")).isNotEqualTo(a.text("conversationId"));
        JsonNode timeline = api.get("/api/v1/customers/" + a.text("customerId") + "/timeline").json();
        assertThat(timeline).hasSize(2);
        assertThat(timeline.get(0).path("text").asString()).isEqualTo("old");
        assertThat(timeline.get(0).path("conversationId").asString()).isEqualTo(a.text("conversationId"));
        assertThat(timeline.get(1).path("channel").asString()).isEqualTo("EMAIL");
        assertThat(timeline.get(1).path("direction").asString()).isEqualTo("INBOUND");
    }

    @Test
    void htmlIsSanitisedBeforeItIsStored() {
        Response r = api.post("/api/v1/inbound", """
                {"channel": "EMAIL", "externalId": "html-%s", "from": {"type": "EMAIL", "value": "%s"},
                 "subject": "HTML", "html": "<p onclick=\\"evil()\\">Hello <b>there</b><script>alert(1)</script><a href=\\"javascript:alert(2)\\">x</a></p>"}
                """.formatted(run, email("html")));
        assertThat(r.status()).isEqualTo(201);
        JsonNode message = api.get("/api/v1/conversations/" + r.text("conversationId")).json().path("messages").get(0);
        String html = message.path("html").asString();
        assertThat(html).contains("<b>there</b>").doesNotContain("script", "onclick", "javascript");
        assertThat(message.path("text").asString()).contains("Hello there");
    }

    @Test
    void invalidInputIsRefusedWith400AndAReason() {
        assertRefused(inbound("FAX", "f-" + run, "EMAIL", email("a"), "A", null, "x", null), "channel");
        assertRefused(inbound("EMAIL", "", "EMAIL", email("a"), "A", null, "x", null), "externalId");
        assertRefused(inbound("EMAIL", "e-" + run, "EMAIL", "not-an-email", "A", null, "x", null), "not a valid email");
        assertRefused(inbound("PHONE", "p-" + run, "PHONE", "12", "A", null, "x", null), "phone");
        assertRefused(inbound("EMAIL", "t-" + run, "EMAIL", email("a"), "A", null, "", null), "text or html");
        assertRefused("{\"channel\": \"EMAIL\", \"externalId\": \"n-" + run + "\", \"text\": \"x\"}", "from");
        assertRefused("{\"channel\": \"EMAIL\", ", "JSON");
        assertRefused("{\"channel\": \"EMAIL\", \"externalId\": \"y\", \"from\": \"me\", \"text\": \"x\"}", "JSON");
        assertRefused(inbound("EMAIL", "r-" + run, "EMAIL", email("a"), "A", null, "x",
                "\"receivedAt\": \"yesterday\""), "JSON");
        assertRefused(inbound("EMAIL", "l-" + run, "EMAIL", email("a"), "A", "S".repeat(301), "x", null), "subject");
        // nothing of the refused messages was stored
        assertThat(api.get("/api/v1/customers?identity=EMAIL:" + email("a")).json()).isEmpty();
    }

    private void assertRefused(String body, String reasonContains) {
        Response r = api.post("/api/v1/inbound", body);
        assertThat(r.status()).as(body).isEqualTo(400);
        assertThat(r.body()).as(body).containsIgnoringCase(reasonContains);
        assertThat(r.json().path("error").asString()).isNotBlank();
    }

    @Test
    void withoutAValidTokenTheApiAnswers401() {
        ApiClient anonymous = new ApiClient(port, null);
        ApiClient wrong = new ApiClient(port, "prl_wrong");
        String body = inbound("EMAIL", "u-" + run, "EMAIL", email("u"), "U", null, "x", null);

        assertThat(anonymous.post("/api/v1/inbound", body).status()).isEqualTo(401);
        assertThat(wrong.post("/api/v1/inbound", body).status()).isEqualTo(401);
        assertThat(wrong.get("/api/v1/customers?q=u").status()).isEqualTo(401);
        assertThat(api.get("/api/v1/customers?identity=EMAIL:" + email("u")).json()).isEmpty();
    }

    @Test
    void customersAreCreatedFoundByNormalisedIdentityAndSearched() {
        Response created = api.post("/api/v1/customers", """
                {"name": "Mei Chen %s", "identities": [{"type": "EMAIL", "value": " Mei.%s@Example.COM "},
                 {"type": "PHONE", "value": "+44 20 7946 0%s"}, {"type": "X", "value": "@MeiChen_%s"}]}
                """.formatted(run, run, String.valueOf(100 + (run.hashCode() & 0x37f)).substring(0, 3), run));
        assertThat(created.status()).isEqualTo(201);
        String id = created.text("id");
        assertThat(created.json().path("identities")).hasSize(3);

        assertThat(api.get("/api/v1/customers?identity=" + ApiClient.encode("EMAIL:MEI." + run + "@example.com"))
                .json().get(0).path("id").asString()).isEqualTo(id);
        assertThat(api.get("/api/v1/customers?identity=" + ApiClient.encode("X:meichen_" + run)).json()
                .get(0).path("id").asString()).isEqualTo(id);
        assertThat(api.get("/api/v1/customers?q=" + ApiClient.encode("mei chen " + run)).json())
                .extracting(n -> n.path("id").asString()).contains(id);
        assertThat(api.get("/api/v1/customers?q=" + ApiClient.encode("@meichen_" + run)).json())
                .extracting(n -> n.path("id").asString()).contains(id);

        Response conflict = api.post("/api/v1/customers", """
                {"name": "Impostor", "identities": [{"type": "EMAIL", "value": "mei.%s@example.com"}]}""".formatted(run));
        assertThat(conflict.status()).isEqualTo(400);
        assertThat(conflict.body()).contains("belongs to customer");
        assertThat(api.post("/api/v1/customers", "{\"identities\": []}").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/customers?identity=EMAIL").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/customers/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/customers/not-a-uuid").status()).isEqualTo(400);
    }

    @Test
    void mergingMovesIdentitiesConversationsAndAttributesToTheChosenSurvivor() {
        Response byEmail = api.post("/api/v1/inbound", inbound("EMAIL", "me-" + run, "EMAIL", email("merge"),
                "Ana Costa", "Order", "by mail", null));
        Response byX = api.post("/api/v1/inbound", inbound("X", "mx-" + run, "X", "ana_" + run, "ana", null,
                "@brand by tweet", null));
        UUID survivor = UUID.fromString(byEmail.text("customerId"));
        UUID absorbed = UUID.fromString(byX.text("customerId"));
        assertThat(survivor).isNotEqualTo(absorbed);
        customers.setAttribute(absorbed, "plan", "VIP");
        customers.setAttribute(survivor, "plan", "Pro");
        customers.setAttribute(absorbed, "last_order", "#4711");

        customers.merge(survivor, absorbed);

        JsonNode viaOldId = api.get("/api/v1/customers/" + absorbed).json();
        assertThat(viaOldId.path("id").asString()).isEqualTo(survivor.toString());
        assertThat(viaOldId.path("identities")).hasSize(2);
        assertThat(viaOldId.path("attributes").path("plan").asString()).isEqualTo("Pro");
        assertThat(viaOldId.path("attributes").path("last_order").asString()).isEqualTo("#4711");
        JsonNode timeline = api.get("/api/v1/customers/" + survivor + "/timeline").json();
        assertThat(timeline).hasSize(2);
        assertThat(api.get("/api/v1/customers/" + absorbed + "/timeline").json()).hasSize(2);
        assertThat(api.get("/api/v1/conversations/" + byX.text("conversationId")).json().path("customerId").asString())
                .isEqualTo(survivor.toString());
        // the next tweet of the absorbed identity lands with the survivor
        Response next = api.post("/api/v1/inbound", inbound("X", "mx2-" + run, "X", "ana_" + run, "ana", null,
                "@brand again", null));
        assertThat(next.text("customerId")).isEqualTo(survivor.toString());
        assertThat(next.text("conversationId")).isEqualTo(byX.text("conversationId"));
    }

    @Test
    void agentActionsShowInTheConversationApi() {
        Response r = api.post("/api/v1/inbound", inbound("EMAIL", "act-" + run, "EMAIL", email("act"), "Act",
                "Invoice", "Wrong invoice", null));
        UUID conversationId = UUID.fromString(r.text("conversationId"));
        var agent = team.createAgent("act" + run, "Alex Actor", null, "long-enough-pw",
                java.util.EnumSet.of(org.parley.team.Role.AGENT));
        var billing = team.createTeam("Billing " + run, null);

        conversations.moveToTeam(Viewer.SYSTEM, conversationId, billing.getId());
        conversations.assign(Viewer.SYSTEM, conversationId, agent.getId());
        conversations.setPriority(Viewer.SYSTEM, conversationId, org.parley.conversation.Priority.URGENT);
        conversations.setTags(Viewer.SYSTEM, conversationId, List.of("Billing", " invoice "));
        conversations.addNoteAt(Viewer.SYSTEM, conversationId, agent.getId(), "Checked the ledger", java.time.Instant.now());
        conversations.replyAt(Viewer.SYSTEM, conversationId, agent.getId(), null, "Corrected invoice attached.", false, java.time.Instant.now());

        JsonNode c = api.get("/api/v1/conversations/" + conversationId).json();
        assertThat(c.path("teamName").asString()).isEqualTo("Billing " + run);
        assertThat(c.path("assigneeName").asString()).isEqualTo("Alex Actor");
        assertThat(c.path("priority").asString()).isEqualTo("URGENT");
        assertThat(c.path("status").asString()).isEqualTo("PENDING");
        assertThat(c.path("tags")).extracting(JsonNode::asString).containsExactly("billing", "invoice");
        assertThat(c.path("firstResponseAt").asString()).isNotBlank();
        assertThat(c.path("messages")).extracting(m -> m.path("direction").asString())
                .containsExactly("INBOUND", "NOTE", "OUTBOUND");
        // queued in the reply's transaction; the outbox may already have failed it (no mailbox is connected here)
        assertThat(c.path("messages").get(2).path("deliveryStatus").asString()).isIn("QUEUED", "FAILED");
        assertThat(c.path("messages").get(2).path("inReplyTo").asString()).isEqualTo("act-" + run);

        // a reply on a channel the customer has no identity on is refused
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> conversations.replyAt(Viewer.SYSTEM, conversationId, agent.getId(), org.parley.base.Channel.WHATSAPP, "hi", false, java.time.Instant.now()))
                .isInstanceOf(org.parley.base.InvalidInputException.class);
    }
}
