package org.parley.channel.social.x;

import java.time.Duration;
import java.util.Map;
import org.parley.base.Channel;
import org.parley.channel.outbox.ChannelSender;
import org.parley.channel.outbox.DeliveryException;
import org.parley.channel.outbox.DeliveryReceipt;
import org.parley.channel.outbox.OutboundDelivery;
import org.parley.channel.social.Json;
import org.parley.channel.social.ProviderCalls;
import org.parley.channel.social.SocialAccounts;
import org.parley.channel.social.SocialNetwork;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Replies on X through the X API v2 with the account's user access token: a public reply is
 * {@code POST /2/tweets} with {@code reply.in_reply_to_tweet_id}; a direct message is
 * {@code POST /2/dm_conversations/with/{participant_id}/messages}.
 */
@Component
class XSender implements ChannelSender {

    private final SocialAccounts accounts;
    private final RestClient api;

    @org.springframework.beans.factory.annotation.Autowired
    XSender(XProperties properties, SocialAccounts accounts,
            org.springframework.beans.factory.ObjectProvider<RestClient.Builder> builder) {
        this(properties, accounts, builder.getIfAvailable(RestClient::builder));
    }

    XSender(XProperties properties, SocialAccounts accounts, RestClient.Builder builder) {
        this.accounts = accounts;
        this.api = ProviderCalls.client(builder, properties.apiBaseUrl(), Duration.ofSeconds(10));
    }

    @Override
    public boolean supports(Channel channel) {
        return channel == Channel.X;
    }

    @Override
    public DeliveryReceipt send(OutboundDelivery delivery) throws DeliveryException {
        if (delivery.text() == null || delivery.text().isBlank()) {
            throw DeliveryException.permanentFailure("the reply is empty", null);
        }
        String token = accounts.accessToken(SocialNetwork.X, delivery.account()).orElseThrow(() ->
                DeliveryException.permanentFailure("no access token for X account '" + delivery.account()
                        + "': connect it in the admin view or parley.channels.x.accounts", null));
        String threadKey = delivery.threadKey();
        if (threadKey != null && threadKey.startsWith(Channel.DIRECT_MESSAGE_THREAD_PREFIX)) {
            String participant = threadKey.substring(Channel.DIRECT_MESSAGE_THREAD_PREFIX.length());
            JsonNode answer = ProviderCalls.call("X API", () -> api.post()
                    .uri("/2/dm_conversations/with/{participant}/messages", participant)
                    .header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("text", delivery.text()))
                    .retrieve().body(JsonNode.class));
            return receipt(answer, "dm_event_id");
        }
        if (delivery.text().codePointCount(0, delivery.text().length()) > Channel.X.maxLength()) {
            throw DeliveryException.permanentFailure("the reply is longer than X's limit of "
                    + Channel.X.maxLength() + " characters", null);
        }
        if (delivery.inReplyTo() == null || delivery.inReplyTo().isBlank()) {
            throw DeliveryException.permanentFailure("no post to reply to: Parley answers posts, it does not start new ones",
                    null);
        }
        JsonNode answer = ProviderCalls.call("X API", () -> api.post().uri("/2/tweets")
                .header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("text", delivery.text(), "reply", Map.of("in_reply_to_tweet_id", delivery.inReplyTo())))
                .retrieve().body(JsonNode.class));
        return receipt(answer, "id");
    }

    private static DeliveryReceipt receipt(JsonNode answer, String field) throws DeliveryException {
        String id = Json.text(answer == null ? null : answer.path("data"), field);
        if (id == null) {
            throw DeliveryException.permanentFailure("the X API answered without data." + field + ": " + answer, null);
        }
        return new DeliveryReceipt(id);
    }
}
