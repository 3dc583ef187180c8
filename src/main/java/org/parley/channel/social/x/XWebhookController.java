package org.parley.channel.social.x;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.parley.base.web.RateLimiter;
import org.parley.channel.social.SocialAccounts;
import org.parley.channel.social.SocialNetwork;
import org.parley.channel.social.WebhookIngestion;
import org.parley.channel.social.WebhookRejection;
import org.parley.channel.social.WebhookRequest;
import org.parley.base.WebhookSignatures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * X's webhook (Account Activity API and X Activity API): {@code GET /webhooks/x?crc_token=} answers the
 * challenge-response check, {@code POST /webhooks/x} takes events signed with the consumer secret.
 */
@RestController
@RequestMapping("/webhooks/x")
class XWebhookController {

    private static final Logger log = LoggerFactory.getLogger(XWebhookController.class);
    private static final int MAX_CRC_TOKEN = 128;
    private static final Pattern CRC_TOKEN = Pattern.compile("[A-Za-z0-9+/=_-]{1," + MAX_CRC_TOKEN + "}");

    private final XProperties properties;
    private final SocialAccounts accounts;
    private final WebhookIngestion ingestion;
    private final JsonMapper json;
    private final RateLimiter crcLimit;

    XWebhookController(XProperties properties, SocialAccounts accounts, WebhookIngestion ingestion, JsonMapper json,
            @Value("${parley.channels.x.crc-requests-per-minute:10}") int crcPerMinute) {
        this.properties = properties;
        this.accounts = accounts;
        this.ingestion = ingestion;
        this.json = json;
        // per client address, and six times that from all addresses together (X checks about once an hour)
        this.crcLimit = new RateLimiter(crcPerMinute, crcPerMinute * 6, Duration.ofMinutes(1), 10_000);
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> crc(@RequestParam(name = "crc_token", required = false) String crcToken,
            HttpServletRequest request) {
        if (!crcLimit.tryAcquire(request.getRemoteAddr())) {
            throw new WebhookRejection(429, "too many CRC requests; try again in a minute");
        }
        String secret = secret();
        // The CRC answer is the same HMAC that signs event bodies: signing any string would sign forged bodies.
        // X's tokens are short base64 strings, and no such string is a JSON object (the only body accepted).
        if (crcToken == null || !CRC_TOKEN.matcher(crcToken).matches()) {
            throw new WebhookRejection(400, "crc_token is required: 1 to " + MAX_CRC_TOKEN
                    + " characters of A-Z a-z 0-9 + / = _ -");
        }
        return ResponseEntity.ok(Map.of("response_token",
                WebhookSignatures.base64Signature(secret, crcToken.getBytes(StandardCharsets.US_ASCII))));
    }

    @PostMapping
    ResponseEntity<String> receive(HttpServletRequest request,
            @RequestHeader(name = "x-twitter-webhooks-signature", required = false) String signature)
            throws IOException {
        byte[] body = WebhookRequest.rawBody(request, properties.maxBodySize());
        String secret = secret();
        if (signature == null || signature.isBlank()) {
            throw new WebhookRejection(401, "x-twitter-webhooks-signature is missing");
        }
        if (!WebhookSignatures.matches(WebhookSignatures.base64Signature(secret, body), signature)) {
            throw new WebhookRejection(401, "x-twitter-webhooks-signature does not match the body");
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw new WebhookRejection(400, "body is not valid JSON: " + e.getOriginalMessage());
        }
        if (!root.isObject()) {
            throw new WebhookRejection(400, "body is not a JSON object");
        }
        XPayload.Parsed parsed = XPayload.parse(root, id -> accounts.isConnected(SocialNetwork.X, id));
        parsed.skipped().forEach(reason -> log.debug("X webhook: skipped {}", reason));
        if (!parsed.ignoredAccounts().isEmpty()) {
            log.warn("X webhook: ignored events for accounts that are not connected: {}", parsed.ignoredAccounts());
            return ResponseEntity.accepted().contentType(MediaType.TEXT_PLAIN).body("ignored: account not connected");
        }
        int stored = ingestion.ingest(parsed.events());
        log.debug("X webhook: {} events, {} new messages", parsed.events().size(), stored);
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body("ok");
    }

    private String secret() {
        String secret = properties.consumerSecret();
        if (secret == null || secret.isBlank()) {
            throw new WebhookRejection(401, "parley.channels.x.consumer-secret is not set: cannot sign or verify");
        }
        return secret;
    }

    @ExceptionHandler(WebhookRejection.class)
    ResponseEntity<String> rejected(WebhookRejection e, HttpServletRequest request) {
        log.warn("{} {} refused with {}: {}", request.getMethod(), request.getRequestURI(), e.status(), e.getMessage());
        return ResponseEntity.status(e.status()).contentType(MediaType.TEXT_PLAIN).body(e.getMessage());
    }
}
