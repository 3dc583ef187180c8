package org.parley.channel.social.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.base.Channel;
import org.parley.channel.outbox.DeliveryException;
import org.parley.channel.outbox.OutboundDelivery;
import org.parley.channel.social.SocialAccounts;
import org.parley.channel.social.StubServer;
import org.parley.channel.social.meta.MetaProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The X API v2 calls of the X sender, against a stub server on loopback. */
class XSenderTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    StubServer x;
    XSender sender;

    @BeforeEach
    void setUp() throws Exception {
        x = new StubServer();
        XProperties properties = new XProperties("secret", x.baseUrl(), DataSize.ofMegabytes(1),
                List.of(new XProperties.Account("2244994945", "user-token")));
        SocialAccounts accounts = new SocialAccounts(org.parley.channel.social.NoStoredAccounts.repository(), null,
                new MetaProperties(null, null, "http://unused", "v21.0", DataSize.ofMegabytes(1), List.of()), properties, null);
        sender = new XSender(properties, accounts, RestClient.builder());
    }

    @AfterEach
    void tearDown() {
        x.close();
    }

    static OutboundDelivery delivery(String inReplyTo, String threadKey, String text) {
        UUID id = UUID.randomUUID();
        return new OutboundDelivery(id, UUID.randomUUID(), UUID.randomUUID(), Channel.X, "2244994945", "kim", "Kim",
                null, text, inReplyTo, List.of(), threadKey, id.toString(), Channel.X.isPublicThread(threadKey));
    }

    @Test
    void publicRepliesPostATweetInReplyToTheCustomersPost() throws Exception {
        x.answer(201, "{\"data\":{\"id\":\"1445880548472328192\",\"text\":\"@kim on it\"}}");
        var receipt = sender.send(delivery("1445880000000000000", null, "@kim on it"));

        assertThat(receipt.providerMessageId()).isEqualTo("1445880548472328192");
        StubServer.Recorded request = x.requests().getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/2/tweets");
        assertThat(request.header("Authorization")).isEqualTo("Bearer user-token");
        assertThat(request.header("Content-Type")).startsWith("application/json");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.path("text").asString()).isEqualTo("@kim on it");
        assertThat(body.path("reply").path("in_reply_to_tweet_id").asString()).isEqualTo("1445880000000000000");
    }

    @Test
    void directMessagesGoToTheConversationWithTheParticipant() throws Exception {
        x.answer(201, "{\"data\":{\"dm_conversation_id\":\"1-2\",\"dm_event_id\":\"1582838223\"}}");
        var receipt = sender.send(delivery(null, "dm:88123", "Your order #4711 ships today"));

        assertThat(receipt.providerMessageId()).isEqualTo("1582838223");
        assertThat(x.requests().getFirst().path()).isEqualTo("/2/dm_conversations/with/88123/messages");
        assertThat(JSON.readTree(x.requests().getFirst().body()).path("text").asString())
                .isEqualTo("Your order #4711 ships today");
    }

    @Test
    void tooManyRequestsIsTransientForbiddenIsPermanent() {
        x.answer(429, "{\"title\":\"Too Many Requests\",\"status\":429}");
        assertThatThrownBy(() -> sender.send(delivery("1", null, "hi")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.isTransient()).isTrue());
        x.answer(400, "{\"title\":\"Invalid Request\",\"detail\":\"reply.in_reply_to_tweet_id is invalid\"}");
        assertThatThrownBy(() -> sender.send(delivery("1", null, "hi")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getMessage()).contains("400", "in_reply_to_tweet_id is invalid");
                });
        x.answer(403, "{\"title\":\"Forbidden\"}");
        assertThatThrownBy(() -> sender.send(delivery(null, "dm:5", "hi")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.isTransient()).isFalse());
    }

    @Test
    void anUnreachableApiIsTransient() {
        String base = x.baseUrl();
        x.close();
        XProperties properties = new XProperties("secret", base, DataSize.ofMegabytes(1),
                List.of(new XProperties.Account("2244994945", "user-token")));
        XSender offline = new XSender(properties, new SocialAccounts(org.parley.channel.social.NoStoredAccounts.repository(), null,
                new MetaProperties(null, null, "http://unused", "v21.0", DataSize.ofMegabytes(1), List.of()), properties, null),
                RestClient.builder());
        assertThatThrownBy(() -> offline.send(delivery("1", null, "hi")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.isTransient()).isTrue());
    }

    @Test
    void overlongPublicRepliesAndRepliesWithoutAPostFailPermanentlyWithoutACall() {
        assertThatThrownBy(() -> sender.send(delivery("1", null, "x".repeat(281))))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.getMessage()).contains("280"));
        assertThatThrownBy(() -> sender.send(delivery(null, null, "hello world")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.isTransient()).isFalse());
        assertThat(x.requests()).isEmpty();
    }
}
