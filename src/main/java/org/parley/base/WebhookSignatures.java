package org.parley.base;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 signatures of webhook bodies: Meta and X sign what they send Parley, Parley signs its own webhooks; compared in constant time. */
public final class WebhookSignatures {

    private static final String PREFIX = "sha256=";

    private WebhookSignatures() {
    }

    public static byte[] hmacSha256(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** {@code sha256=} + lower-case hex: Meta's {@code X-Hub-Signature-256}. */
    public static String hexSignature(String secret, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmacSha256(secret, body));
    }

    /** {@code sha256=} + base64: X's {@code x-twitter-webhooks-signature} and CRC {@code response_token}. */
    public static String base64Signature(String secret, byte[] body) {
        return PREFIX + Base64.getEncoder().encodeToString(hmacSha256(secret, body));
    }

    /** Whether the presented header equals {@code expected}, in time independent of where they differ. */
    public static boolean matches(String expected, String presented) {
        if (presented == null || expected == null) {
            return false;
        }
        String p = presented.strip();
        // the hex form is case-insensitive; the prefix may come in any case
        if (p.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            p = PREFIX + p.substring(PREFIX.length());
        }
        boolean hex = expected.length() == PREFIX.length() + 64 && !expected.contains("+") && !expected.contains("/")
                && !expected.endsWith("=");
        if (hex) {
            p = p.toLowerCase(java.util.Locale.ROOT);
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                p.getBytes(StandardCharsets.US_ASCII));
    }
}
