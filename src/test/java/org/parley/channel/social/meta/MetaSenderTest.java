package org.parley.channel.social.meta;

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
import org.parley.channel.social.x.XProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Graph API calls of the Meta sender, against a stub server on loopback. */
class MetaSenderTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    StubServer graph;
    MetaSender sender;

    @BeforeEach
    void setUp() throws Exception {
        graph = new StubServer();
        MetaProperties properties = new MetaProperties("secret", "verify", graph.baseUrl(), "v21.0", DataSize.ofMegabytes(1),
                List.of(new MetaProperties.Page("1040", "page-token-1"), new MetaProperties.Page("1789", "ig-token")));
        SocialAccounts accounts = new SocialAccounts(org.parley.channel.social.NoStoredAccounts.repository(), null, properties,
                new XProperties(null, "http://unused", DataSize.ofMegabytes(1), List.of()), null);
        sender = new MetaSender(properties, accounts, RestClient.builder());
    }

    @AfterEach
    void tearDown() {
        graph.close();
    }

    static OutboundDelivery delivery(Channel channel, String account, String inReplyTo, String threadKey, String text) {
        UUID id = UUID.randomUUID();
        return new OutboundDelivery(id, UUID.randomUUID(), UUID.randomUUID(), channel, account, "2400", "Jo", null, text,
                inReplyTo, List.of(), threadKey, id.toString(), channel.isPublicThread(threadKey));
    }

    @Test
    void directMessagesGoToMeMessagesWithThePageToken() throws Exception {
        graph.answer(200, "{\"recipient_id\":\"2400\",\"message_id\":\"m_abc\"}");
        var receipt = sender.send(delivery(Channel.FACEBOOK, "1040", "m_in", "dm:2400", "Your refund is on its way"));

        assertThat(receipt.providerMessageId()).isEqualTo("m_abc");
        StubServer.Recorded request = graph.requests().getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v21.0/me/messages");
        assertThat(request.header("Authorization")).isEqualTo("Bearer page-token-1");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.path("recipient").path("id").asString()).isEqualTo("2400");
        assertThat(body.path("messaging_type").asString()).isEqualTo("RESPONSE");
        assertThat(body.path("message").path("text").asString()).isEqualTo("Your refund is on its way");
    }

    @Test
    void publicAnswersReplyToTheCommentOnFacebookAndInstagram() throws Exception {
        graph.answer(200, "{\"id\":\"555_777\"}");
        assertThat(sender.send(delivery(Channel.FACEBOOK, "1040", "555_666", "post:1040_555", "Sent you a DM"))
                .providerMessageId()).isEqualTo("555_777");
        assertThat(graph.requests().getFirst().path()).isEqualTo("/v21.0/555_666/comments");
        assertThat(JSON.readTree(graph.requests().getFirst().body()).path("message").asString()).isEqualTo("Sent you a DM");

        sender.send(delivery(Channel.INSTAGRAM, "1789", "18000", "post:17990", "Thanks!"));
        assertThat(graph.requests().get(1).path()).isEqualTo("/v21.0/18000/replies");
        assertThat(graph.requests().get(1).header("Authorization")).isEqualTo("Bearer ig-token");
    }

    @Test
    void rateLimitsAndServerErrorsAreTransientClientErrorsPermanent() {
        graph.answer(429, "{\"error\":{\"message\":\"Application request limit reached\",\"code\":4}}");
        assertThatThrownBy(() -> sender.send(delivery(Channel.FACEBOOK, "1040", null, "dm:2400", "hi")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.getMessage()).contains("429", "request limit");
                });
        graph.answer(503, "{}");
        assertThatThrownBy(() -> sender.send(delivery(Channel.FACEBOOK, "1040", null, "dm:2400", "hi")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.isTransient()).isTrue());
        graph.answer(400, "{\"error\":{\"message\":\"(#10) This message is sent outside of allowed window.\"}}");
        assertThatThrownBy(() -> sender.send(delivery(Channel.FACEBOOK, "1040", null, "dm:2400", "hi")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getMessage()).contains("outside of allowed window");
                });
    }

    @Test
    void anAccountWithoutATokenOrATooLongReplyFailsPermanentlyWithoutACall() {
        assertThatThrownBy(() -> sender.send(delivery(Channel.FACEBOOK, "9999", null, "dm:2400", "hi")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.isTransient()).isFalse());
        assertThatThrownBy(() -> sender.send(delivery(Channel.INSTAGRAM, "1789", "18000", "post:1", "x".repeat(2201))))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.getMessage()).contains("2200"));
        assertThat(graph.requests()).isEmpty();
    }
}
