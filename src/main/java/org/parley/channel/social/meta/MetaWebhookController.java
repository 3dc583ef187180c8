package org.parley.channel.social.meta;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.parley.channel.social.HubWebhooks;
import org.parley.channel.social.SocialAccounts;
import org.parley.channel.social.SocialNetwork;
import org.parley.channel.social.WebhookIngestion;
import org.parley.channel.social.WebhookRejection;
import org.parley.channel.social.WebhookRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * Meta's webhook for Facebook Pages, Messenger and Instagram: {@code GET /webhooks/meta} answers the
 * subscription handshake, {@code POST /webhooks/meta} takes events signed with the app secret.
 */
@RestController
@RequestMapping("/webhooks/meta")
class MetaWebhookController {

    private static final Logger log = LoggerFactory.getLogger(MetaWebhookController.class);

    /** Meta's challenges are short numbers: echo nothing else, so the endpoint reflects no chosen content. */

    private final MetaProperties properties;
    private final SocialAccounts accounts;
    private final WebhookIngestion ingestion;
    private final JsonMapper json;

    MetaWebhookController(MetaProperties properties, SocialAccounts accounts, WebhookIngestion ingestion,
            JsonMapper json) {
        this.properties = properties;
        this.accounts = accounts;
        this.ingestion = ingestion;
        this.json = json;
    }

    @GetMapping(produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> verify(@RequestParam(name = "hub.mode", required = false) String mode,
            @RequestParam(name = "hub.verify_token", required = false) String token,
            @RequestParam(name = "hub.challenge", required = false) String challenge) {
        return HubWebhooks.verify(mode, token, challenge, properties.verifyToken(), "Meta",
                "parley.channels.meta.verify-token", log);
    }

    @PostMapping
    ResponseEntity<String> receive(HttpServletRequest request,
            @RequestHeader(name = "X-Hub-Signature-256", required = false) String signature) throws IOException {
        byte[] body = WebhookRequest.rawBody(request, properties.maxBodySize());
        HubWebhooks.requireSignature(properties.appSecret(), "parley.channels.meta.app-secret", body, signature);
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw new WebhookRejection(400, "body is not valid JSON: " + e.getOriginalMessage());
        }
        MetaPayload.Parsed parsed = MetaPayload.parse(root, id -> accounts.isConnected(SocialNetwork.META, id));
        parsed.skipped().forEach(reason -> log.debug("Meta webhook: skipped {}", reason));
        if (!parsed.ignoredAccounts().isEmpty()) {
            log.warn("Meta webhook: ignored events for accounts that are not connected: {}", parsed.ignoredAccounts());
        }
        if (parsed.events().isEmpty() && !parsed.ignoredAccounts().isEmpty()) {
            return ResponseEntity.accepted().contentType(MediaType.TEXT_PLAIN).body("ignored: account not connected");
        }
        int stored = ingestion.ingest(parsed.events());
        log.debug("Meta webhook: {} events, {} new messages", parsed.events().size(), stored);
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body("EVENT_RECEIVED");
    }

    @ExceptionHandler(WebhookRejection.class)
    ResponseEntity<String> rejected(WebhookRejection e, HttpServletRequest request) {
        log.warn("POST {} refused with {}: {}", request.getRequestURI(), e.status(), e.getMessage());
        return ResponseEntity.status(e.status()).contentType(MediaType.TEXT_PLAIN).body(e.getMessage());
    }
}
