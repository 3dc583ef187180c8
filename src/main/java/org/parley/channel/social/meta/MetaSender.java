package org.parley.channel.social.meta;

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
 * Replies on Facebook and Instagram through the Graph API with the page's access token: direct messages
 * with {@code POST /{version}/me/messages}, public answers as a reply to the customer's comment
 * ({@code POST /{comment-id}/comments} on Facebook, {@code /{comment-id}/replies} on Instagram) or, for a
 * post, a comment on it. The Graph API takes no idempotency key, so a retry after a lost answer can post twice.
 */
@Component
class MetaSender implements ChannelSender {

    private final MetaProperties properties;
    private final SocialAccounts accounts;
    private final RestClient graph;

    @org.springframework.beans.factory.annotation.Autowired
    MetaSender(MetaProperties properties, SocialAccounts accounts,
            org.springframework.beans.factory.ObjectProvider<RestClient.Builder> builder) {
        this(properties, accounts, builder.getIfAvailable(RestClient::builder));
    }

    MetaSender(MetaProperties properties, SocialAccounts accounts, RestClient.Builder builder) {
        this.properties = properties;
        this.accounts = accounts;
        this.graph = ProviderCalls.client(builder, properties.graphBaseUrl(), Duration.ofSeconds(10));
    }

    @Override
    public boolean supports(Channel channel) {
        return channel == Channel.FACEBOOK || channel == Channel.INSTAGRAM;
    }

    @Override
    public DeliveryReceipt send(OutboundDelivery delivery) throws DeliveryException {
        if (delivery.text() == null || delivery.text().isBlank()) {
            throw DeliveryException.permanentFailure("the reply is empty", null);
        }
        if (delivery.text().length() > delivery.channel().maxLength()) {
            throw DeliveryException.permanentFailure("the reply is longer than " + delivery.channel().label()
                    + "'s limit of " + delivery.channel().maxLength() + " characters", null);
        }
        String token = accounts.accessToken(SocialNetwork.META, delivery.account()).orElseThrow(() ->
                DeliveryException.permanentFailure("no access token for the page or account '" + delivery.account()
                        + "': connect it in the admin view or parley.channels.meta.pages", null));
        String version = properties.graphVersion();
        String threadKey = delivery.threadKey();
        JsonNode answer;
        if (threadKey != null && threadKey.startsWith(Channel.DIRECT_MESSAGE_THREAD_PREFIX)) {
            String recipient = threadKey.substring(Channel.DIRECT_MESSAGE_THREAD_PREFIX.length());
            answer = ProviderCalls.call("Graph API", () -> graph.post().uri("/{version}/me/messages", version)
                    .header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("recipient", Map.of("id", recipient), "messaging_type", "RESPONSE",
                            "message", Map.of("text", delivery.text())))
                    .retrieve().body(JsonNode.class));
            return receipt(answer, "message_id");
        }
        String target = delivery.inReplyTo();
        String edge = delivery.channel() == Channel.INSTAGRAM ? "replies" : "comments";
        if (target == null || target.isBlank()) {
            if (threadKey == null || !threadKey.startsWith(MetaPayload.POST_THREAD_PREFIX)) {
                throw DeliveryException.permanentFailure("nothing to answer: neither a comment nor a post", null);
            }
            // no comment to answer: comment on the post (Instagram: on the media)
            target = threadKey.substring(MetaPayload.POST_THREAD_PREFIX.length());
            edge = "comments";
        }
        String path = "/{version}/{target}/" + edge;
        String node = target;
        answer = ProviderCalls.call("Graph API", () -> graph.post().uri(path, version, node)
                .header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("message", delivery.text()))
                .retrieve().body(JsonNode.class));
        return receipt(answer, "id");
    }

    private static DeliveryReceipt receipt(JsonNode answer, String field) throws DeliveryException {
        String id = Json.text(answer, field);
        if (id == null) {
            throw DeliveryException.permanentFailure("the Graph API answered without " + field + ": " + answer, null);
        }
        return new DeliveryReceipt(id);
    }
}
