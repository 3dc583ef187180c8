package org.parley.channel.social.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.base.Channel;
import org.parley.channel.InboundMessage;
import org.parley.channel.IngestResult;
import org.parley.channel.IngestionService;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.ConversationService;
import org.parley.conversation.DeliveryStatus;
import org.parley.conversation.MessageAttachments;
import org.parley.conversation.MessageView;
import org.parley.conversation.OutboundQueue;
import org.parley.customer.CustomerDirectory;
import org.parley.customer.CustomerProfile;
import org.parley.security.ApiTokenService;
import org.parley.support.ApiClient;
import org.parley.team.Role;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The WhatsApp Cloud API channel as Meta calls it and as agents answer on it: the subscription handshake,
 * signed payloads in the shape of Meta's documented examples (text, image with its download from a fake Graph
 * API), refused signatures and bodies, duplicates, a WhatsApp number meeting the phone calls of the same
 * number, replies through the Graph API with their delivery statuses, and the 24-hour window. Run on H2 and
 * on MySQL/MariaDB by the subclasses.
 */
abstract class WhatsAppChannelContract {

    static final String SECRET = "whatsapp-app-secret";
    static final String NUMBER_ID = "106540352242922";
    static final String TOKEN = "wa-access-token";
    static final FakeGraphApi GRAPH;

    static {
        try {
            GRAPH = new FakeGraphApi();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void whatsApp(DynamicPropertyRegistry registry) {
        registry.add("parley.channels.whatsapp.app-secret", () -> SECRET);
        registry.add("parley.channels.whatsapp.verify-token", () -> "wa-verify-me");
        registry.add("parley.channels.whatsapp.graph-base-url", GRAPH::baseUrl);
        registry.add("parley.channels.whatsapp.numbers[0].phone-number-id", () -> NUMBER_ID);
        registry.add("parley.channels.whatsapp.numbers[0].access-token", () -> TOKEN);
        registry.add("parley.outbox.poll-interval", () -> "200ms");
    }

    @LocalServerPort
    int port;
    @Autowired
    CustomerDirectory customers;
    @Autowired
    ConversationService conversations;
    @Autowired
    OutboundQueue outbox;
    @Autowired
    MessageAttachments attachments;
    @Autowired
    IngestionService ingestion;
    @Autowired
    TeamDirectory team;
    @Autowired
    ApiTokenService tokens;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();
    String run;
    String from;

    @BeforeEach
    void setUp() {
        run = String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
        from = "49151" + String.format("%08d", Math.abs(UUID.randomUUID().getLeastSignificantBits() % 100_000_000L));
    }

    @Test
    void verificationEchoesTheChallengeOnlyForTheRightToken() throws Exception {
        HttpResponse<String> ok = get("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=wa-verify-me&hub.challenge=1158201444");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("1158201444");
        assertThat(ok.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");

        assertThat(get("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1").statusCode())
                .isEqualTo(403);
        assertThat(get("/webhooks/whatsapp?hub.mode=unsubscribe&hub.verify_token=wa-verify-me&hub.challenge=1")
                .statusCode()).isEqualTo(403);
        assertThat(get("/webhooks/whatsapp").statusCode()).isEqualTo(403);
    }

    @Test
    void aTextMessageBecomesAWhatsAppMessageOfTheSenderOnce() throws Exception {
        String wamid = "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRB" + run;
        String body = text(from, "Sheena Nelson", wamid, "Does it come in another color?", Instant.now());

        assertThat(post(body, sign(body)).statusCode()).isEqualTo(200);
        assertThat(post(body, sign(body)).statusCode()).as("Meta redelivers").isEqualTo(200);

        CustomerProfile customer = customerOf(from).orElseThrow();
        assertThat(customer.displayName()).isEqualTo("Sheena Nelson");
        assertThat(customer.identityFor(Channel.WHATSAPP).orElseThrow().value()).isEqualTo("+" + from);
        List<MessageView> timeline = conversations.timeline(Viewer.SYSTEM, customer.id());
        assertThat(timeline).hasSize(1);
        MessageView m = timeline.getFirst();
        assertThat(m.channel()).isEqualTo(Channel.WHATSAPP);
        assertThat(m.text()).isEqualTo("Does it come in another color?");
        assertThat(m.externalId()).isEqualTo(wamid);
        assertThat(conversations.get(Viewer.SYSTEM, m.conversationId()).sourceAccount()).isEqualTo(NUMBER_ID);
    }

    @Test
    void anImageIsDownloadedThroughTheGraphApiAndStoredAsAnAttachment() throws Exception {
        String mediaId = "1003383421387" + run;
        byte[] jpeg = ("\u00ff\u00d8\u00ff fake jpeg " + run).getBytes(StandardCharsets.ISO_8859_1);
        GRAPH.media(mediaId, "image/jpeg", jpeg);
        String wamid = "wamid.IMG" + run;
        String body = media(from, wamid, "image", """
                {"caption":"The scratch on the lid","mime_type":"image/jpeg","sha256":"6b1c","id":"%s"}""".formatted(mediaId));

        assertThat(post(body, sign(body)).statusCode()).isEqualTo(200);

        MessageView m = conversations.timeline(Viewer.SYSTEM, customerOf(from).orElseThrow().id()).getFirst();
        assertThat(m.text()).isEqualTo("The scratch on the lid");
        List<MessageAttachments.AttachmentView> files = attachments.of(List.of(m.id())).get(m.id());
        assertThat(files).hasSize(1);
        assertThat(files.getFirst().contentType()).isEqualTo("image/jpeg");
        assertThat(files.getFirst().fileName()).endsWith(".jpg");
        assertThat(attachments.content(files.getFirst().id())).contains(jpeg);
        assertThat(GRAPH.requests("GET", "/v21.0/" + mediaId)).singleElement()
                .satisfies(r -> assertThat(r.authorization()).isEqualTo("Bearer " + TOKEN));
        assertThat(GRAPH.requests("GET", "/download/" + mediaId)).singleElement()
                .satisfies(r -> assertThat(r.authorization()).isEqualTo("Bearer " + TOKEN));

        // a redelivery neither downloads again nor stores the file twice
        assertThat(post(body, sign(body)).statusCode()).isEqualTo(200);
        assertThat(GRAPH.requests("GET", "/v21.0/" + mediaId)).hasSize(1);
        assertThat(attachments.of(List.of(m.id())).get(m.id())).hasSize(1);
    }

    @Test
    void mediaThatCannotBeFetchedLeavesTheMessageWithANote() throws Exception {
        String body = media(from, "wamid.DOC" + run, "document", """
                {"filename":"invoice.pdf","mime_type":"application/pdf","sha256":"aa","id":"missing%s"}""".formatted(run));

        assertThat(post(body, sign(body)).statusCode()).isEqualTo(200);

        MessageView m = conversations.timeline(Viewer.SYSTEM, customerOf(from).orElseThrow().id()).getFirst();
        assertThat(m.text()).startsWith("[Document: invoice.pdf]").contains("could not be fetched from WhatsApp");
        assertThat(attachments.of(List.of(m.id())).getOrDefault(m.id(), List.of())).isEmpty();
    }

    @Test
    void forgedOrMissingSignaturesAre401AndStoreNothing() throws Exception {
        String body = text(from, "Mallory", "wamid.FORGED" + run, "pay me", Instant.now());
        String forged = "sha256=" + HexFormat.of().formatHex(hmac("not-the-secret", body));
        assertThat(post(body, forged).statusCode()).isEqualTo(401);
        assertThat(post(body, null).statusCode()).isEqualTo(401);
        assertThat(post(body.replace("pay me", "pay me!"), sign(body)).statusCode()).isEqualTo(401);
        assertThat(customerOf(from)).isEmpty();
    }

    @Test
    void malformedBodiesAre400WithAReason() throws Exception {
        String broken = "{\"object\":\"whatsapp_business_account\",\"entry\":[";
        HttpResponse<String> r = post(broken, sign(broken));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("not valid JSON");
        String noEntry = "{\"object\":\"whatsapp_business_account\"}";
        assertThat(post(noEntry, sign(noEntry)).body()).contains("entry");
        String otherNumber = text(from, "Other", "wamid.OTHER" + run, "hi", Instant.now()).replace(NUMBER_ID, "999000");
        assertThat(post(otherNumber, sign(otherNumber)).statusCode()).isEqualTo(202);
        assertThat(customerOf(from)).isEmpty();
    }

    @Test
    void aWhatsAppMessageJoinsTheCustomerKnownByPhone() throws Exception {
        CustomerProfile caller = customers.create("Paula Phone " + run,
                List.of(new CustomerDirectory.IdentityInput(Channel.PHONE, "+49 151 " + from.substring(5))));

        String body = text(from, "Paula P.", "wamid.PH" + run, "I called you yesterday about my order", Instant.now());
        assertThat(post(body, sign(body)).statusCode()).isEqualTo(200);

        CustomerProfile same = customerOf(from).orElseThrow();
        assertThat(same.id()).isEqualTo(caller.id());
        assertThat(same.reachableChannels()).contains(Channel.PHONE, Channel.WHATSAPP);
        assertThat(conversations.timeline(Viewer.SYSTEM, caller.id())).extracting(MessageView::channel)
                .containsExactly(Channel.WHATSAPP);
    }

    @Test
    void aCallFromANumberKnownOnWhatsAppJoinsThatCustomer() throws Exception {
        String body = text(from, "Wanda", "wamid.CALL" + run, "hello", Instant.now());
        assertThat(post(body, sign(body)).statusCode()).isEqualTo(200);
        UUID customer = customerOf(from).orElseThrow().id();

        IngestResult call = ingestion.ingest(new InboundMessage(Channel.PHONE, "call-" + run,
                new InboundMessage.Sender(Channel.PHONE, "+" + from, null), null, "Call: missed", null, null, null, null,
                Instant.now()));

        assertThat(call.customerId()).isEqualTo(customer);
    }

    @Test
    void repliesGoOutThroughTheGraphApiAndStatusesFollowThem() throws Exception {
        String body = text(from, "Rita", "wamid.IN" + run, "Where is my parcel?", Instant.now());
        assertThat(post(body, sign(body)).statusCode()).isEqualTo(200);
        MessageView in = conversations.timeline(Viewer.SYSTEM, customerOf(from).orElseThrow().id()).getFirst();
        UUID agent = agent();

        MessageView reply = conversations.replyAt(Viewer.SYSTEM, in.conversationId(), agent, null,
                "It arrives tomorrow " + run, false, Instant.now());
        MessageView sent = await(reply.id(), m -> m.deliveryStatus() != DeliveryStatus.QUEUED);

        assertThat(sent.deliveryStatus()).as(String.valueOf(sent.deliveryError())).isEqualTo(DeliveryStatus.SENT);
        FakeGraphApi.Request request = GRAPH.requests().stream()
                .filter(r -> r.method().equals("POST") && r.body().contains(run)).findFirst().orElseThrow();
        assertThat(request.path()).isEqualTo("/v21.0/" + NUMBER_ID + "/messages");
        assertThat(request.authorization()).isEqualTo("Bearer " + TOKEN);
        JsonNode sentJson = json.readTree(request.body());
        assertThat(sentJson.path("messaging_product").asString()).isEqualTo("whatsapp");
        assertThat(sentJson.path("to").asString()).isEqualTo(from);
        assertThat(sentJson.path("type").asString()).isEqualTo("text");
        assertThat(sentJson.path("text").path("body").asString()).isEqualTo("It arrives tomorrow " + run);
        String wamid = sent.externalId();
        assertThat(wamid).startsWith("wamid.OUT");

        String delivered = status(wamid, "delivered", null);
        assertThat(post(delivered, sign(delivered)).statusCode()).isEqualTo(200);
        assertThat(outbox.get(reply.id()).deliveryStatus()).isEqualTo(DeliveryStatus.DELIVERED);
        String read = status(wamid, "read", null);
        assertThat(post(read, sign(read)).statusCode()).isEqualTo(200);
        assertThat(outbox.get(reply.id()).deliveryStatus()).isEqualTo(DeliveryStatus.DELIVERED);

        MessageView second = conversations.replyAt(Viewer.SYSTEM, in.conversationId(), agent, null,
                "Second " + run, false, Instant.now());
        String secondWamid = await(second.id(), m -> m.deliveryStatus() == DeliveryStatus.SENT).externalId();
        String failed = status(secondWamid, "failed", """
                [{"code":131047,"title":"Re-engagement message","message":"Re-engagement message",
                  "error_data":{"details":"Message failed to send because more than 24 hours have passed"}}]""");
        assertThat(post(failed, sign(failed)).statusCode()).isEqualTo(200);
        MessageView refused = outbox.get(second.id());
        assertThat(refused.deliveryStatus()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(refused.deliveryError()).contains("Re-engagement message", "131047");
    }

    @Test
    void outsideTheTwentyFourHourWindowFreeTextIsRefusedWithTheReason() throws Exception {
        String body = text(from, "Olaf Old", "wamid.OLD" + run, "Any news?", Instant.now().minus(Duration.ofDays(3)));
        assertThat(post(body, sign(body)).statusCode()).isEqualTo(200);
        MessageView in = conversations.timeline(Viewer.SYSTEM, customerOf(from).orElseThrow().id()).getFirst();
        ApiClient api = new ApiClient(port, tokens.create("wa " + run, agent()).token());

        ApiClient.Response r = api.post("/api/v1/conversations/" + in.conversationId() + "/replies",
                "{\"text\": \"Sorry for the wait\"}");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text("error")).contains("The customer last wrote 3 days ago",
                "WhatsApp allows only template messages outside 24 hours");
        assertThat(conversations.messages(Viewer.SYSTEM, in.conversationId())).hasSize(1);
        assertThat(conversations.replyWindowRefusal(Viewer.SYSTEM, in.conversationId(), null)).isPresent();

        // the customer writes again: the window opens
        String again = text(from, "Olaf Old", "wamid.NEW" + run, "Hello?", Instant.now());
        assertThat(post(again, sign(again)).statusCode()).isEqualTo(200);
        assertThat(conversations.replyWindowRefusal(Viewer.SYSTEM, in.conversationId(), null)).isEmpty();
    }

    // ---- helpers

    UUID agent() {
        return team.createAgent("wa-" + run, "Walter WhatsApp", "wa-" + run + "@parley.test", "secret-password",
                EnumSet.of(Role.AGENT)).getId();
    }

    MessageView await(UUID messageId, Predicate<MessageView> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        MessageView m = outbox.get(messageId);
        while (!done.test(m)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("delivery did not settle: " + m);
            }
            Thread.sleep(25);
            m = outbox.get(messageId);
        }
        return m;
    }

    java.util.Optional<CustomerProfile> customerOf(String digits) {
        return customers.findByIdentity(customers.normalizer().normalize(Channel.WHATSAPP, digits));
    }

    /** Meta's documented text message example, with our values. */
    static String text(String from, String name, String wamid, String text, Instant at) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"%s"},"wa_id":"%s"}],
                "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"%s"}}]},
                "field":"messages"}]}]}""".formatted(NUMBER_ID, name, from, from, wamid, at.getEpochSecond(), text);
    }

    static String media(String from, String wamid, String type, String mediaJson) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"Sheena Nelson"},"wa_id":"%s"}],
                "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"%s","%s":%s}]},
                "field":"messages"}]}]}""".formatted(NUMBER_ID, from, from, wamid, Instant.now().getEpochSecond(), type,
                type, mediaJson);
    }

    String status(String wamid, String status, String errors) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"%s"},
                "statuses":[{"id":"%s","status":"%s","timestamp":"%d","recipient_id":"%s"%s}]},
                "field":"messages"}]}]}""".formatted(NUMBER_ID, wamid, status, Instant.now().getEpochSecond(), from,
                errors == null ? "" : ",\"errors\":" + errors);
    }

    static byte[] hmac(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
    }

    static String sign(String body) throws Exception {
        return "sha256=" + HexFormat.of().formatHex(hmac(SECRET, body));
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String body, String signature) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/whatsapp"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (signature != null) {
            b.header("X-Hub-Signature-256", signature);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
