package org.parley.channel.social.whatsapp;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code parley.channels.whatsapp.*}: the WhatsApp Cloud API (Meta) whose webhooks Parley receives and whose
 * numbers it answers from.
 *
 * @param appSecret the Meta app's secret: verifies {@code X-Hub-Signature-256}; without it every POST is refused
 * @param verifyToken the token Meta's subscription handshake ({@code GET /webhooks/whatsapp}) must present
 * @param graphBaseUrl the Graph API with its version (tests point it at a stub)
 * @param maxBodySize webhook bodies over this are refused with 413
 * @param maxMediaSize media larger than this is not downloaded (the message is stored with a note)
 * @param numbers the business phone numbers Parley answers for, each with its access token
 */
@ConfigurationProperties("parley.channels.whatsapp")
public record WhatsAppProperties(String appSecret, String verifyToken,
        @DefaultValue("https://graph.facebook.com/v21.0") String graphBaseUrl,
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue("10MB") DataSize maxMediaSize,
        List<PhoneNumber> numbers) {

    public WhatsAppProperties {
        numbers = numbers == null ? List.of() : numbers.stream()
                .filter(n -> n != null && n.phoneNumberId() != null && !n.phoneNumberId().isBlank())
                .map(n -> new PhoneNumber(n.phoneNumberId().strip(), n.accessToken())).toList();
    }

    /** No WhatsApp configured: for tests and code that needs none. */
    public static WhatsAppProperties none() {
        return new WhatsAppProperties(null, null, "https://graph.facebook.com/v21.0", DataSize.ofMegabytes(1),
                DataSize.ofMegabytes(10), List.of());
    }

    /**
     * A WhatsApp business number: its phone number id (Meta's id of the number, not the number itself) and a
     * (system user) access token with {@code whatsapp_business_messaging}.
     */
    public record PhoneNumber(String phoneNumberId, String accessToken) {

        public boolean hasToken() {
            return accessToken != null && !accessToken.isBlank();
        }
    }
}
