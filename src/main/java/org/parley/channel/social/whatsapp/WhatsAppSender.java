package org.parley.channel.social.whatsapp;

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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Replies on WhatsApp through the Cloud API: {@code POST {graph-base-url}/{phone-number-id}/messages} with a
 * text message from the number the conversation came in on, with that number's access token. The answer's
 * {@code messages[0].id} (a wamid) is the reply's provider id, which later status webhooks name. Free-form
 * text is only allowed within 24 hours of the customer's last message: the conversation module refuses
 * replies outside that window before they reach the outbox.
 */
@Component
class WhatsAppSender implements ChannelSender {

    private final WhatsAppProperties properties;
    private final SocialAccounts accounts;
    private final RestClient graph;

    @Autowired
    WhatsAppSender(WhatsAppProperties properties, SocialAccounts accounts, ObjectProvider<RestClient.Builder> builder) {
        this(properties, accounts, builder.getIfAvailable(RestClient::builder));
    }

    WhatsAppSender(WhatsAppProperties properties, SocialAccounts accounts, RestClient.Builder builder) {
        this.properties = properties;
        this.accounts = accounts;
        this.graph = ProviderCalls.client(builder, properties.graphBaseUrl(), Duration.ofSeconds(10));
    }

    /** WhatsApp replies go out here once a number is configured; without one they fail as "no connected account". */
    @Override
    public boolean supports(Channel channel) {
        return channel == Channel.WHATSAPP && !properties.numbers().isEmpty();
    }

    @Override
    public DeliveryReceipt send(OutboundDelivery delivery) throws DeliveryException {
        if (delivery.text() == null || delivery.text().isBlank()) {
            throw DeliveryException.permanentFailure("the reply is empty", null);
        }
        if (delivery.text().length() > Channel.WHATSAPP.maxLength()) {
            throw DeliveryException.permanentFailure("the reply is longer than WhatsApp's limit of "
                    + Channel.WHATSAPP.maxLength() + " characters", null);
        }
        String number = delivery.account() != null && !delivery.account().isBlank() ? delivery.account().strip()
                : properties.numbers().getFirst().phoneNumberId();
        String token = accounts.accessToken(SocialNetwork.WHATSAPP, number).orElseThrow(() ->
                DeliveryException.permanentFailure("no access token for WhatsApp number '" + number
                        + "': set parley.channels.whatsapp.numbers[N].access-token", null));
        String to = delivery.recipient() == null ? "" : delivery.recipient().replaceAll("\\D", "");
        if (to.isEmpty()) {
            throw DeliveryException.permanentFailure("the customer has no WhatsApp number to send to", null);
        }
        JsonNode answer = ProviderCalls.call("Graph API", () -> graph.post().uri("/{number}/messages", number)
                .header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("messaging_product", "whatsapp", "to", to, "type", "text",
                        "text", Map.of("body", delivery.text())))
                .retrieve().body(JsonNode.class));
        String wamid = answer == null ? null : Json.text(answer.path("messages").path(0), "id");
        if (wamid == null) {
            throw DeliveryException.permanentFailure("the Graph API answered without messages[0].id: " + answer, null);
        }
        return new DeliveryReceipt(wamid);
    }
}
