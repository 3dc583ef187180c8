package org.parley.channel.social.whatsapp;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.parley.channel.outbox.DeliveryException;
import org.parley.channel.social.Json;
import org.parley.channel.social.ProviderCalls;
import org.parley.channel.social.SocialAccounts;
import org.parley.channel.social.SocialNetwork;
import org.parley.conversation.MessageAttachments.NewAttachment;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Downloads a message's media from the Graph API: {@code GET {graph-base-url}/{media-id}} names a short-lived
 * URL, which is fetched with the number's access token as well. A failure is given back as a reason, so the
 * message is stored all the same with a note.
 */
@Component
class WhatsAppMedia {

    private static final Map<String, String> EXTENSIONS = Map.ofEntries(Map.entry("image/jpeg", "jpg"),
            Map.entry("image/png", "png"), Map.entry("image/webp", "webp"), Map.entry("audio/ogg", "ogg"),
            Map.entry("audio/mpeg", "mp3"), Map.entry("audio/mp4", "m4a"), Map.entry("audio/aac", "aac"),
            Map.entry("audio/amr", "amr"), Map.entry("video/mp4", "mp4"), Map.entry("video/3gpp", "3gp"),
            Map.entry("application/pdf", "pdf"), Map.entry("text/plain", "txt"));

    private final WhatsAppProperties properties;
    private final SocialAccounts accounts;
    private final RestClient graph;

    @Autowired
    WhatsAppMedia(WhatsAppProperties properties, SocialAccounts accounts, ObjectProvider<RestClient.Builder> builder) {
        this(properties, accounts, builder.getIfAvailable(RestClient::builder));
    }

    WhatsAppMedia(WhatsAppProperties properties, SocialAccounts accounts, RestClient.Builder builder) {
        this.properties = properties;
        this.accounts = accounts;
        this.graph = ProviderCalls.client(builder, properties.graphBaseUrl(), Duration.ofSeconds(20));
    }

    /** The file, or why it could not be fetched. */
    record Fetched(NewAttachment file, String failure) {
    }

    Fetched fetch(String phoneNumberId, WhatsAppPayload.Media media) {
        String token = accounts.accessToken(SocialNetwork.WHATSAPP, phoneNumberId).orElse(null);
        if (token == null) {
            return new Fetched(null, "no access token for WhatsApp number " + phoneNumberId);
        }
        long max = properties.maxMediaSize().toBytes();
        try {
            JsonNode info = ProviderCalls.call("Graph API", () -> graph.get().uri("/{id}", media.id())
                    .header("Authorization", "Bearer " + token).retrieve().body(JsonNode.class));
            String url = Json.text(info, "url");
            if (url == null || !(url.startsWith("https://") || url.startsWith("http://"))) {
                return new Fetched(null, "the Graph API named no download URL for media " + media.id());
            }
            String size = Json.text(info, "file_size");
            if (size != null && size.matches("\\d{1,18}") && Long.parseLong(size) > max) {
                return new Fetched(null, "the file of " + size + " bytes is over the limit of " + max + " bytes");
            }
            byte[] content = ProviderCalls.call("WhatsApp media download", () -> graph.get().uri(URI.create(url))
                    .header("Authorization", "Bearer " + token)
                    .exchange((request, response) -> {
                        if (response.getStatusCode().isError()) {
                            throw new IllegalStateException("the download answered " + response.getStatusCode().value());
                        }
                        return response.getBody().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
                    }));
            if (content.length > max) {
                return new Fetched(null, "the file is over the limit of " + max + " bytes");
            }
            String type = Json.text(info, "mime_type");
            if (type == null) {
                type = media.mimeType();
            }
            return new Fetched(new NewAttachment(fileName(media, type), type, null, false, content), null);
        } catch (DeliveryException e) {
            return new Fetched(null, e.getMessage());
        } catch (RuntimeException e) {
            return new Fetched(null, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    static String fileName(WhatsAppPayload.Media media, String mimeType) {
        if (media.fileName() != null && !media.fileName().isBlank()) {
            return media.fileName().strip();
        }
        String base = mimeType == null ? null : mimeType.toLowerCase(Locale.ROOT).split(";")[0].strip();
        String extension = base == null ? "bin" : EXTENSIONS.getOrDefault(base, "bin");
        return "whatsapp-" + media.kind() + "-" + media.id() + "." + extension;
    }
}
