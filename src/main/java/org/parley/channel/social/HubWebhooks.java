package org.parley.channel.social;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.regex.Pattern;
import org.parley.base.WebhookSignatures;
import org.slf4j.Logger;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The two halves every Meta webhook (Facebook, Instagram, WhatsApp) shares: the {@code hub.*} subscription check
 * answered with the challenge, and the {@code X-Hub-Signature-256} HMAC of the raw body with the app secret.
 */
public final class HubWebhooks {

    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private HubWebhooks() {
    }

    /**
     * 200 with the challenge when the mode is {@code subscribe} and the token is the configured one (compared in
     * constant time), else 403 and a log line saying why.
     *
     * @param channel how the log names the webhook ("Meta", "WhatsApp")
     * @param tokenProperty the property that holds the verify token, for the log
     */
    public static ResponseEntity<String> verify(String mode, String token, String challenge, String expected,
            String channel, String tokenProperty, Logger log) {
        if (!"subscribe".equals(mode) || expected == null || expected.isBlank() || token == null
                || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))
                || challenge == null || !CHALLENGE.matcher(challenge).matches()) {
            log.warn("{} webhook verification refused with 403: {}", channel, expected == null || expected.isBlank()
                    ? tokenProperty + " is not set"
                    : "hub.mode/hub.verify_token/hub.challenge do not match (the challenge: 1 to 128 of A-Z a-z 0-9 . _ -)");
            return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.TEXT_PLAIN).body("forbidden");
        }
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(challenge);
    }

    /** Refuses (401) a body whose {@code X-Hub-Signature-256} is missing or wrong, or when no secret is set. */
    public static void requireSignature(String secret, String secretProperty, byte[] body, String signature) {
        if (secret == null || secret.isBlank()) {
            throw new WebhookRejection(401, secretProperty + " is not set: cannot verify signatures");
        }
        if (signature == null || signature.isBlank()) {
            throw new WebhookRejection(401, "X-Hub-Signature-256 is missing");
        }
        if (!WebhookSignatures.matches(WebhookSignatures.hexSignature(secret, body), signature)) {
            throw new WebhookRejection(401, "X-Hub-Signature-256 does not match the body");
        }
    }
}
