package org.parley.channel.social;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.support.ApiClient;
import org.parley.support.ParleySpringTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Meta's and X's webhooks as the platforms call them: handshakes, signatures over the raw body, the
 * documented payload shapes, duplicates, accounts that are not connected, and refused bodies. Run on H2
 * and on MySQL/MariaDB by the subclasses.
 */
@TestPropertySource(properties = {
    "parley.channels.meta.app-secret=" + SocialWebhooksContract.META_SECRET,
    "parley.channels.meta.verify-token=verify-me",
    "parley.channels.meta.max-body-size=64KB",
    "parley.channels.meta.pages[0].id=" + SocialWebhooksContract.PAGE,
    "parley.channels.meta.pages[0].access-token=page-token",
    "parley.channels.meta.pages[1].id=" + SocialWebhooksContract.IG_ACCOUNT,
    "parley.channels.meta.pages[1].access-token=ig-token",
    "parley.channels.x.consumer-secret=" + SocialWebhooksContract.X_SECRET,
    "parley.channels.x.max-body-size=64KB",
    "parley.channels.x.accounts[0].user-id=" + SocialWebhooksContract.BRAND,
    "parley.channels.x.accounts[0].access-token=x-token"
})
abstract class SocialWebhooksContract {

    static final String META_SECRET = "meta-app-secret";
    static final String X_SECRET = "x-consumer-secret";
    static final String PAGE = "104000000000001";
    static final String IG_ACCOUNT = "17841400000000001";
    static final String BRAND = "2244994945";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SocialAccounts accounts;

    final HttpClient http = HttpClient.newHttpClient();
    ApiClient api;
    String run;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port, ParleySpringTest.TOKEN);
        run = String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
    }

    // ---- Meta

    @Test
    void metaVerificationEchoesTheChallengeOnlyForTheRightToken() throws Exception {
        HttpResponse<String> ok = get("/webhooks/meta?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("1158201444");
        assertThat(ok.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");

        assertThat(get("/webhooks/meta?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1").statusCode())
                .isEqualTo(403);
        assertThat(get("/webhooks/meta?hub.mode=unsubscribe&hub.verify_token=verify-me&hub.challenge=1").statusCode())
                .isEqualTo(403);
        assertThat(get("/webhooks/meta").statusCode()).isEqualTo(403);
    }

    @Test
    void messengerMessagesBecomePrivateFacebookConversationsOnce() throws Exception {
        String psid = "24" + run;
        String body = messenger(psid, "m_" + run, "Hi, my order never arrived", false);

        HttpResponse<String> first = post("/webhooks/meta", body, "X-Hub-Signature-256", metaSignature(body));
        HttpResponse<String> again = post("/webhooks/meta", body, "X-Hub-Signature-256", metaSignature(body));
        String second = messenger(psid, "m2_" + run, "Hello?", false);
        post("/webhooks/meta", second, "X-Hub-Signature-256", metaSignature(second));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        JsonNode timeline = timelineOf("FACEBOOK", psid);
        assertThat(timeline).hasSize(2);
        assertThat(timeline.get(0).path("text").asString()).isEqualTo("Hi, my order never arrived");
        assertThat(timeline.get(0).path("channel").asString()).isEqualTo("FACEBOOK");
        assertThat(timeline.get(0).path("externalId").asString()).isEqualTo("m_" + run);
        assertThat(timeline.get(1).path("conversationId")).isEqualTo(timeline.get(0).path("conversationId"));
        assertThat(threadKey(timeline.get(0).path("conversationId").asString())).isEqualTo("dm:" + psid);
        assertThat(sourceAccount(timeline.get(0).path("conversationId").asString())).isEqualTo(PAGE);
        assertThat(accounts.status(SocialNetwork.META, PAGE).lastEventAt()).isNotNull();
    }

    @Test
    void thePagesOwnMessagesAndCommentsAreNotCustomerMessages() throws Exception {
        String psid = "25" + run;
        String echo = messenger(psid, "echo_" + run, "Thanks for writing!", true);
        String ownComment = feed(PAGE, "Brand", "comment", "add", PAGE + "_9" + run, PAGE + "_9" + run + "_1",
                "We are on it");
        assertThat(post("/webhooks/meta", echo, "X-Hub-Signature-256", metaSignature(echo)).statusCode()).isEqualTo(200);
        assertThat(post("/webhooks/meta", ownComment, "X-Hub-Signature-256", metaSignature(ownComment)).statusCode())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/customers?identity=FACEBOOK:" + psid).json()).isEmpty();
        assertThat(api.get("/api/v1/customers?identity=FACEBOOK:" + PAGE).json()).isEmpty();
    }

    @Test
    void pageFeedCommentsThreadByPostAndArePublic() throws Exception {
        String user = "31" + run;
        String post = PAGE + "_5" + run;
        String c1 = feed(user, "Rita Rivers", "comment", "add", post, post + "_11", "Where is my parcel?");
        String c2 = feed(user, "Rita Rivers", "comment", "add", post, post + "_12", "Still waiting");
        String edit = feed(user, "Rita Rivers", "comment", "edited", post, post + "_11", "Where is my parcel??");
        for (String body : new String[] {c1, c2, edit}) {
            assertThat(post("/webhooks/meta", body, "X-Hub-Signature-256", metaSignature(body)).statusCode())
                    .isEqualTo(200);
        }
        JsonNode timeline = timelineOf("FACEBOOK", user);
        assertThat(timeline).hasSize(2);
        assertThat(timeline.get(0).path("externalId").asString()).isEqualTo(post + "_11");
        assertThat(timeline.get(1).path("conversationId")).isEqualTo(timeline.get(0).path("conversationId"));
        String key = threadKey(timeline.get(0).path("conversationId").asString());
        assertThat(key).isEqualTo("post:" + post);
        assertThat(org.parley.base.Channel.FACEBOOK.isPublicThread(key)).isTrue();
        JsonNode customer = api.get("/api/v1/customers/" + customerOf("FACEBOOK", user)).json();
        assertThat(customer.path("name").asString()).isEqualTo("Rita Rivers");
    }

    @Test
    void instagramDirectMessagesAndCommentsBecomeInstagramMessages() throws Exception {
        String igsid = "61" + run;
        String dm = """
                {"object":"instagram","entry":[{"id":"%s","time":1732350000,"messaging":[{"sender":{"id":"%s"},
                "recipient":{"id":"%s"},"timestamp":1732350000123,"message":{"mid":"aWdfZA%s","text":"Do you ship to Spain?"}}]}]}"""
                .formatted(IG_ACCOUNT, igsid, IG_ACCOUNT, run);
        String comment = """
                {"object":"instagram","entry":[{"id":"%s","time":1732350100,"changes":[{"field":"comments","value":
                {"from":{"id":"%s","username":"lola_%s"},"media":{"id":"1799%s","media_product_type":"FEED"},
                "id":"1800%s","text":"Love it! Price?"}}]}]}""".formatted(IG_ACCOUNT, igsid, run, run, run);
        assertThat(post("/webhooks/meta", dm, "X-Hub-Signature-256", metaSignature(dm)).statusCode()).isEqualTo(200);
        assertThat(post("/webhooks/meta", comment, "X-Hub-Signature-256", metaSignature(comment)).statusCode())
                .isEqualTo(200);

        JsonNode timeline = timelineOf("INSTAGRAM", igsid);
        assertThat(timeline).hasSize(2);
        assertThat(timeline).extracting(n -> n.path("channel").asString()).containsOnly("INSTAGRAM");
        assertThat(threadKey(timeline.get(0).path("conversationId").asString())).isEqualTo("dm:" + igsid);
        assertThat(threadKey(timeline.get(1).path("conversationId").asString())).isEqualTo("post:1799" + run);
        assertThat(timeline.get(1).path("conversationId")).isNotEqualTo(timeline.get(0).path("conversationId"));
    }

    @Test
    void metaForgedOrMissingSignaturesAre401AndStoreNothing() throws Exception {
        String psid = "41" + run;
        String body = messenger(psid, "forged_" + run, "pay me", false);
        String forged = "sha256=" + HexFormat.of().formatHex(hmac("not-the-secret", body.getBytes(StandardCharsets.UTF_8)));
        assertThat(post("/webhooks/meta", body, "X-Hub-Signature-256", forged).statusCode()).isEqualTo(401);
        assertThat(post("/webhooks/meta", body, null, null).statusCode()).isEqualTo(401);
        // signed, then altered on the way: the signature covers the raw bytes
        String altered = body.replace("pay me", "pay me!");
        assertThat(post("/webhooks/meta", altered, "X-Hub-Signature-256", metaSignature(body)).statusCode())
                .isEqualTo(401);
        assertThat(api.get("/api/v1/customers?identity=FACEBOOK:" + psid).json()).isEmpty();
    }

    @Test
    void metaSignatureCoversTheBytesAsSentIncludingEscapedUnicode() throws Exception {
        String psid = "42" + run;
        // Meta signs the escaped form: re-serialised JSON would not match
        String body = "{\"object\":\"page\",\"entry\":[{\"id\":\"" + PAGE + "\",\"time\":1,\"messaging\":[{\"sender\":{\"id\":\""
                + psid + "\"},\"recipient\":{\"id\":\"" + PAGE + "\"},\"timestamp\":1732350000000,\"message\":{\"mid\":\"u_"
                + run + "\",\"text\":\"Gr\\u00fc\\u00dfe \\ud83d\\ude00\"}}]}]}";
        assertThat(post("/webhooks/meta", body, "X-Hub-Signature-256", metaSignature(body)).statusCode()).isEqualTo(200);
        assertThat(timelineOf("FACEBOOK", psid).get(0).path("text").asString()).isEqualTo("Grüße 😀");
    }

    @Test
    void metaEventsForPagesThatAreNotConnectedAre202AndIgnored() throws Exception {
        String psid = "43" + run;
        String body = messenger(psid, "other_" + run, "hello", false).replace(PAGE, "999000111");
        HttpResponse<String> r = post("/webhooks/meta", body, "X-Hub-Signature-256", metaSignature(body));
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(api.get("/api/v1/customers?identity=FACEBOOK:" + psid).json()).isEmpty();
    }

    @Test
    void metaMalformedAndOversizedBodiesAreRefused() throws Exception {
        String broken = "{\"object\":\"page\",\"entry\":[";
        assertThat(post("/webhooks/meta", broken, "X-Hub-Signature-256", metaSignature(broken)).statusCode())
                .isEqualTo(400);
        String noEntry = "{\"object\":\"page\"}";
        assertThat(post("/webhooks/meta", noEntry, "X-Hub-Signature-256", metaSignature(noEntry)).statusCode())
                .isEqualTo(400);
        String huge = messenger("44" + run, "big_" + run, "x".repeat(70_000), false);
        assertThat(post("/webhooks/meta", huge, "X-Hub-Signature-256", metaSignature(huge)).statusCode()).isEqualTo(413);
        assertThat(api.get("/api/v1/customers?identity=FACEBOOK:44" + run).json()).isEmpty();
    }

    // ---- X

    @Test
    void xCrcIsAnsweredWithTheBase64HmacOfTheToken() throws Exception {
        HttpResponse<String> r = get("/webhooks/x?crc_token=" + URLEncoder.encode("challenge+" + run, StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(200);
        String expected = "sha256=" + Base64.getEncoder().encodeToString(
                hmac(X_SECRET, ("challenge+" + run).getBytes(StandardCharsets.UTF_8)));
        assertThat(new ApiClient.Response(200, r.body()).text("response_token")).isEqualTo(expected);
        assertThat(get("/webhooks/x").statusCode()).isEqualTo(400);
    }

    /**
     * The attack the CRC endpoint allowed: its answer is the HMAC that signs event bodies, so asking it to
     * "answer" a JSON body gave an attacker a valid signature for that body.
     */
    @Test
    void xCrcCannotBeUsedToSignAForgedWebhookBody() throws Exception {
        String handle = "forger_" + run;
        String forged = tweets("""
                {"id_str":"23%s","text":"@brand please refund to my new account","user":{"id_str":"67%s","screen_name":"%s","name":"CEO"}}"""
                .formatted(run, run, handle));
        HttpResponse<String> crc = get("/webhooks/x?crc_token=" + URLEncoder.encode(forged, StandardCharsets.UTF_8));
        assertThat(crc.statusCode()).isEqualTo(400);
        assertThat(crc.body()).doesNotContain("sha256=");
        // whatever the endpoint answered is what the attacker presents as the signature
        String signature = crc.body().contains("response_token")
                ? new ApiClient.Response(200, crc.body()).text("response_token") : crc.body();
        assertThat(post("/webhooks/x", forged, "x-twitter-webhooks-signature", signature).statusCode()).isEqualTo(401);
        assertThat(api.get("/api/v1/customers?identity=X:" + handle).json()).isEmpty();

        // a token of X's alphabet but too long, or with characters X never sends, is refused as well
        assertThat(get("/webhooks/x?crc_token=" + "A".repeat(129)).statusCode()).isEqualTo(400);
        assertThat(get("/webhooks/x?crc_token=" + URLEncoder.encode("{\"a\":1}", StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(400);
        // and a body that is valid JSON but no object (what a CRC token could be) is no event
        String number = "12345";
        assertThat(post("/webhooks/x", number, "x-twitter-webhooks-signature", xSignature(number)).statusCode())
                .isEqualTo(400);
    }

    @Test
    void metaVerificationEchoesOnlyAShortPlainChallenge() throws Exception {
        String script = URLEncoder.encode("<script>alert(1)</script>", StandardCharsets.UTF_8);
        HttpResponse<String> r = get("/webhooks/meta?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=" + script);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).doesNotContain("<script>");
        assertThat(get("/webhooks/meta?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=" + "1".repeat(129))
                .statusCode()).isEqualTo(403);
    }

    @Test
    void xMentionsAndRepliesBecomeMessagesButTheBrandsOwnPostsDoNot() throws Exception {
        String handle = "Kim_" + run;
        String mention = tweets("""
                {"id_str":"18%s1","text":"@brand my router is dead","timestamp_ms":"1732350000000",
                 "in_reply_to_status_id_str":null,"user":{"id_str":"77%s","screen_name":"%s","name":"Kim Lee"}}"""
                .formatted(run, run, handle));
        String own = tweets("""
                {"id_str":"18%s2","text":"@%s sorry to hear, DM us","timestamp_ms":"1732350060000",
                 "in_reply_to_status_id_str":"18%s1","user":{"id_str":"%s","screen_name":"brand","name":"Brand"}}"""
                .formatted(run, handle, run, BRAND));
        String reply = tweets("""
                {"id_str":"18%s3","text":"@brand done","truncated":true,"extended_tweet":{"full_text":"@brand done, sent you a DM with all the details"},
                 "timestamp_ms":"1732350120000","in_reply_to_status_id_str":"18%s2",
                 "user":{"id_str":"77%s","screen_name":"%s","name":"Kim Lee"}}""".formatted(run, run, run, handle));
        for (String body : new String[] {mention, own, reply, mention}) {
            assertThat(post("/webhooks/x", body, "x-twitter-webhooks-signature", xSignature(body)).statusCode())
                    .isEqualTo(200);
        }
        JsonNode timeline = timelineOf("X", handle.toLowerCase());
        assertThat(timeline).hasSize(2);
        assertThat(timeline.get(0).path("externalId").asString()).isEqualTo("18" + run + "1");
        assertThat(timeline.get(1).path("text").asString()).isEqualTo("@brand done, sent you a DM with all the details");
        assertThat(timeline.get(1).path("inReplyTo").asString()).isEqualTo("18" + run + "2");
        assertThat(org.parley.base.Channel.X.isPublicThread(threadKey(timeline.get(0).path("conversationId").asString())))
                .isTrue();
        assertThat(api.get("/api/v1/customers?identity=X:brand").json()).isEmpty();
    }

    @Test
    void xDirectMessagesThreadPrivatelyByTheOtherUser() throws Exception {
        String sender = "88" + run;
        String dm = """
                {"for_user_id":"%s","direct_message_events":[{"type":"message_create","id":"dm%s","created_timestamp":"1732350000000",
                 "message_create":{"target":{"recipient_id":"%s"},"sender_id":"%s","message_data":{"text":"My order is #4711","entities":{}}}}],
                 "users":{"%s":{"id":"%s","name":"Sam Doe","screen_name":"samdoe_%s"},"%s":{"id":"%s","name":"Brand","screen_name":"brand"}}}"""
                .formatted(BRAND, run, BRAND, sender, sender, sender, run, BRAND, BRAND);
        String ownDm = """
                {"for_user_id":"%s","direct_message_events":[{"type":"message_create","id":"dmo%s","created_timestamp":"1732350001000",
                 "message_create":{"target":{"recipient_id":"%s"},"sender_id":"%s","message_data":{"text":"Thanks, checking"}}}],
                 "users":{}}""".formatted(BRAND, run, sender, BRAND);
        assertThat(post("/webhooks/x", dm, "x-twitter-webhooks-signature", xSignature(dm)).statusCode()).isEqualTo(200);
        assertThat(post("/webhooks/x", ownDm, "x-twitter-webhooks-signature", xSignature(ownDm)).statusCode())
                .isEqualTo(200);
        JsonNode timeline = timelineOf("X", "samdoe_" + run);
        assertThat(timeline).hasSize(1);
        assertThat(timeline.get(0).path("text").asString()).isEqualTo("My order is #4711");
        String key = threadKey(timeline.get(0).path("conversationId").asString());
        assertThat(key).isEqualTo("dm:" + sender);
        assertThat(org.parley.base.Channel.X.isPublicThread(key)).isFalse();
    }

    @Test
    void xActivityApiEventsAreAcceptedToo() throws Exception {
        String body = """
                {"data":{"event_uuid":"e-%s","filter":{"user_id":"%s"},"event_type":"post.mention.create","tag":"brand",
                 "payload":{"id":"19%s","text":"@brand is the outage fixed?","author_id":"55%s","created_at":"2026-11-23T09:00:00.000Z"},
                 "includes":{"users":[{"id":"55%s","username":"neo_%s","name":"Neo"}]}}}""".formatted(run, BRAND, run, run, run, run);
        String dm = """
                {"data":{"event_uuid":"f-%s","filter":{"user_id":"%s"},"event_type":"dm.received",
                 "payload":{"id":"20%s","event_type":"MessageCreate","text":"private details","sender_id":"55%s","dm_conversation_id":"55%s-%s"},
                 "includes":{"users":[{"id":"55%s","username":"neo_%s","name":"Neo"}]}}}""".formatted(run, BRAND, run, run, run,
                BRAND, run, run);
        assertThat(post("/webhooks/x", body, "x-twitter-webhooks-signature", xSignature(body)).statusCode()).isEqualTo(200);
        assertThat(post("/webhooks/x", dm, "x-twitter-webhooks-signature", xSignature(dm)).statusCode()).isEqualTo(200);
        JsonNode timeline = timelineOf("X", "neo_" + run);
        assertThat(timeline).hasSize(2);
        assertThat(timeline.get(0).path("text").asString()).isEqualTo("@brand is the outage fixed?");
        assertThat(threadKey(timeline.get(1).path("conversationId").asString())).isEqualTo("dm:55" + run);
    }

    @Test
    void xRefusesForgedMalformedOversizedAndIgnoresOtherAccounts() throws Exception {
        String handle = "mallory_" + run;
        String body = tweets("""
                {"id_str":"21%s","text":"@brand hi","user":{"id_str":"66%s","screen_name":"%s","name":"M"}}"""
                .formatted(run, run, handle));
        String forged = "sha256=" + Base64.getEncoder().encodeToString(hmac("wrong", body.getBytes(StandardCharsets.UTF_8)));
        assertThat(post("/webhooks/x", body, "x-twitter-webhooks-signature", forged).statusCode()).isEqualTo(401);
        assertThat(post("/webhooks/x", body, null, null).statusCode()).isEqualTo(401);

        String other = body.replace("\"for_user_id\":\"" + BRAND + "\"", "\"for_user_id\":\"123456\"");
        assertThat(post("/webhooks/x", other, "x-twitter-webhooks-signature", xSignature(other)).statusCode())
                .isEqualTo(202);

        String broken = "{\"for_user_id\":";
        assertThat(post("/webhooks/x", broken, "x-twitter-webhooks-signature", xSignature(broken)).statusCode())
                .isEqualTo(400);
        String huge = tweets("""
                {"id_str":"22%s","text":"%s","user":{"id_str":"66%s","screen_name":"%s"}}"""
                .formatted(run, "y".repeat(70_000), run, handle));
        assertThat(post("/webhooks/x", huge, "x-twitter-webhooks-signature", xSignature(huge)).statusCode())
                .isEqualTo(413);
        assertThat(api.get("/api/v1/customers?identity=X:" + handle).json()).isEmpty();
    }

    @Test
    void accountsConnectedInTheUiReceiveEventsUntilDisabled() throws Exception {
        String pageId = "7770" + run;
        SocialAccounts.Connected connected = accounts.connect(SocialNetwork.META, pageId, "Second page", "secret-token");
        assertThat(accounts.accessToken(SocialNetwork.META, pageId)).contains("secret-token");
        String stored = jdbc.queryForObject("select access_token_encrypted from social_account where account_id = ?",
                String.class, pageId);
        assertThat(stored).doesNotContain("secret-token").startsWith("v2:");

        String psid = "45" + run;
        String body = messenger(psid, "ui_" + run, "hi second page", false).replace(PAGE, pageId);
        assertThat(post("/webhooks/meta", body, "X-Hub-Signature-256", metaSignature(body)).statusCode()).isEqualTo(200);
        accounts.setEnabled(connected.id(), false);
        String later = messenger(psid, "ui2_" + run, "anyone?", false).replace(PAGE, pageId);
        assertThat(post("/webhooks/meta", later, "X-Hub-Signature-256", metaSignature(later)).statusCode()).isEqualTo(202);
        assertThat(timelineOf("FACEBOOK", psid)).hasSize(1);
        accounts.remove(connected.id());
        assertThat(accounts.isConnected(SocialNetwork.META, pageId)).isFalse();
    }

    // ---- helpers

    String messenger(String psid, String mid, String text, boolean echo) {
        String sender = echo ? PAGE : psid;
        String recipient = echo ? psid : PAGE;
        return """
                {"object":"page","entry":[{"id":"%s","time":1732350000,"messaging":[{"sender":{"id":"%s"},"recipient":{"id":"%s"},
                "timestamp":1732350000000,"message":{"mid":"%s","text":"%s"%s}}]}]}"""
                .formatted(PAGE, sender, recipient, mid, text, echo ? ",\"is_echo\":true,\"app_id\":1517776481860111" : "");
    }

    String feed(String fromId, String fromName, String item, String verb, String postId, String commentId, String message) {
        return """
                {"object":"page","entry":[{"id":"%s","time":1732350000,"changes":[{"field":"feed","value":{
                "from":{"id":"%s","name":"%s"},"post":{"status_type":"added_photos","is_published":true,"id":"%s"},
                "message":"%s","post_id":"%s","comment_id":"%s","parent_id":"%s","created_time":1732350000,
                "item":"%s","verb":"%s"}}]}]}""".formatted(PAGE, fromId, fromName, postId, message, postId, commentId,
                postId, item, verb);
    }

    String tweets(String tweet) {
        return "{\"for_user_id\":\"" + BRAND + "\",\"user_has_blocked\":false,\"tweet_create_events\":[" + tweet + "]}";
    }

    static byte[] hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(body);
    }

    static String metaSignature(String body) throws Exception {
        return "sha256=" + HexFormat.of().formatHex(hmac(META_SECRET, body.getBytes(StandardCharsets.UTF_8)));
    }

    static String xSignature(String body) throws Exception {
        return "sha256=" + Base64.getEncoder().encodeToString(hmac(X_SECRET, body.getBytes(StandardCharsets.UTF_8)));
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body, String header, String value) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (header != null) {
            b.header(header, value);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    String customerOf(String type, String value) {
        JsonNode found = api.get("/api/v1/customers?identity=" + ApiClient.encode(type + ":" + value)).json();
        assertThat(found).as(type + ":" + value).hasSize(1);
        return found.get(0).path("id").asString();
    }

    JsonNode timelineOf(String type, String value) {
        return api.get("/api/v1/customers/" + customerOf(type, value) + "/timeline").json();
    }

    String threadKey(String conversationId) {
        return jdbc.queryForObject("select thread_key from conversation where id = ?", String.class,
                (Object) bytes(UUID.fromString(conversationId)));
    }

    String sourceAccount(String conversationId) {
        return jdbc.queryForObject("select source_account from conversation where id = ?", String.class,
                (Object) bytes(UUID.fromString(conversationId)));
    }

    static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }
}
