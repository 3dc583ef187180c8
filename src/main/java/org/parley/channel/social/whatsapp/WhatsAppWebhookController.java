package org.parley.channel.social.whatsapp;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import org.parley.base.Channel;
import org.parley.channel.InboundMessage;
import org.parley.channel.IngestResult;
import org.parley.channel.social.HubWebhooks;
import org.parley.channel.social.SocialAccounts;
import org.parley.channel.social.SocialNetwork;
import org.parley.channel.social.WebhookEvent;
import org.parley.channel.social.WebhookIngestion;
import org.parley.channel.social.WebhookRejection;
import org.parley.channel.social.WebhookRequest;
import org.parley.conversation.MessageAttachments;
import org.parley.conversation.OutboundQueue;
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
 * The WhatsApp Cloud API's webhook: {@code GET /webhooks/whatsapp} answers Meta's subscription handshake,
 * {@code POST /webhooks/whatsapp} takes messages and delivery statuses signed with the app secret
 * ({@code X-Hub-Signature-256}). Messages go the one way in (identity resolution, threading, routing, SLA,
 * search and live updates follow from there); their media is downloaded first and stored as attachments.
 */
@RestController
@RequestMapping("/webhooks/whatsapp")
class WhatsAppWebhookController {

    private static final Logger log = LoggerFactory.getLogger(WhatsAppWebhookController.class);

    /** Meta's challenges are short numbers: echo nothing else, so the endpoint reflects no chosen content. */

    private final WhatsAppProperties properties;
    private final SocialAccounts accounts;
    private final WebhookIngestion ingestion;
    private final WhatsAppMedia media;
    private final MessageAttachments attachments;
    private final OutboundQueue outbox;
    private final JsonMapper json;

    WhatsAppWebhookController(WhatsAppProperties properties, SocialAccounts accounts, WebhookIngestion ingestion,
            WhatsAppMedia media, MessageAttachments attachments, OutboundQueue outbox, JsonMapper json) {
        this.properties = properties;
        this.accounts = accounts;
        this.ingestion = ingestion;
        this.media = media;
        this.attachments = attachments;
        this.outbox = outbox;
        this.json = json;
    }

    @GetMapping(produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> verify(@RequestParam(name = "hub.mode", required = false) String mode,
            @RequestParam(name = "hub.verify_token", required = false) String token,
            @RequestParam(name = "hub.challenge", required = false) String challenge) {
        return HubWebhooks.verify(mode, token, challenge, properties.verifyToken(), "WhatsApp",
                "parley.channels.whatsapp.verify-token", log);
    }

    @PostMapping
    ResponseEntity<String> receive(HttpServletRequest request,
            @RequestHeader(name = "X-Hub-Signature-256", required = false) String signature) throws IOException {
        byte[] body = WebhookRequest.rawBody(request, properties.maxBodySize());
        HubWebhooks.requireSignature(properties.appSecret(), "parley.channels.whatsapp.app-secret", body, signature);
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw new WebhookRejection(400, "body is not valid JSON: " + e.getOriginalMessage());
        }
        WhatsAppPayload.Parsed parsed = WhatsAppPayload.parse(root,
                id -> accounts.isConnected(SocialNetwork.WHATSAPP, id));
        parsed.skipped().forEach(reason -> log.debug("WhatsApp webhook: skipped {}", reason));
        if (!parsed.ignoredNumbers().isEmpty()) {
            log.warn("WhatsApp webhook: ignored values for phone number ids that are not configured: {}",
                    parsed.ignoredNumbers());
        }
        if (parsed.messages().isEmpty() && parsed.statuses().isEmpty() && !parsed.ignoredNumbers().isEmpty()) {
            return ResponseEntity.accepted().contentType(MediaType.TEXT_PLAIN).body("ignored: number not configured");
        }
        int stored = 0;
        for (WhatsAppPayload.Incoming in : parsed.messages()) {
            if (receive(in)) {
                stored++;
            }
        }
        parsed.statuses().forEach(this::status);
        log.debug("WhatsApp webhook: {} messages ({} new), {} statuses", parsed.messages().size(), stored,
                parsed.statuses().size());
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body("EVENT_RECEIVED");
    }

    /** One customer message: its media fetched first (unless it was stored before), then stored with it. */
    private boolean receive(WhatsAppPayload.Incoming in) {
        String text = in.text();
        List<MessageAttachments.NewAttachment> files = List.of();
        if (in.media() != null && !outbox.knowsAny(Channel.WHATSAPP, List.of(in.wamid()))) {
            WhatsAppMedia.Fetched fetched = media.fetch(in.phoneNumberId(), in.media());
            if (fetched.file() != null) {
                files = List.of(fetched.file());
            } else {
                log.warn("WhatsApp message {}: its {} could not be fetched: {}", in.wamid(), in.media().kind(),
                        fetched.failure());
                accounts.recordError(SocialNetwork.WHATSAPP, in.phoneNumberId(),
                        "media of " + in.wamid() + ": " + fetched.failure());
                text = join(text, "(The " + kind(in.media()) + " could not be fetched from WhatsApp: "
                        + fetched.failure() + ")");
            }
        }
        if (in.media() != null && (in.text() == null || in.text().isBlank())) {
            text = join("[" + label(in.media()) + "]", text);
        }
        InboundMessage message = new InboundMessage(Channel.WHATSAPP, in.wamid(),
                new InboundMessage.Sender(Channel.WHATSAPP, in.from(), in.name()), null, truncate(text), null,
                in.inReplyTo(), null, Channel.DIRECT_MESSAGE_THREAD_PREFIX + in.from(), in.at(), in.phoneNumberId());
        List<MessageAttachments.NewAttachment> toStore = files;
        return ingestion.ingest(new WebhookEvent(SocialNetwork.WHATSAPP, in.phoneNumberId(), message),
                toStore.isEmpty() ? null : (IngestResult result) -> {
                    if (!result.duplicate()) {
                        attachments.store(result.messageId(), toStore);
                    }
                });
    }

    /** A delivery report of a reply Parley sent: delivered and read mark it DELIVERED, failed marks it FAILED. */
    private void status(WhatsAppPayload.Status s) {
        switch (s.status()) {
            case "delivered", "read" -> outbox.recordDelivered(Channel.WHATSAPP, List.of(s.wamid()));
            case "failed" -> outbox.recordFailure(Channel.WHATSAPP, List.of(s.wamid()), "WhatsApp could not deliver it: "
                    + (s.error() == null ? "no reason given" : s.error()));
            default -> log.debug("WhatsApp status {} for {}", s.status(), s.wamid());
        }
    }

    private static String label(WhatsAppPayload.Media m) {
        return switch (m.kind()) {
            case "image" -> "Image";
            case "document" -> "Document" + (m.fileName() == null ? "" : ": " + m.fileName());
            case "audio" -> m.voice() ? "Voice message" : "Audio";
            case "video" -> "Video";
            case "sticker" -> "Sticker";
            default -> m.kind();
        };
    }

    private static String kind(WhatsAppPayload.Media m) {
        return m.voice() ? "voice message" : m.kind();
    }

    private static String join(String a, String b) {
        if (a == null || a.isBlank()) {
            return b;
        }
        return b == null || b.isBlank() ? a : a + "\n" + b;
    }

    private static String truncate(String text) {
        return text != null && text.length() > 60_000 ? text.substring(0, 59_999) + "…" : text;
    }

    @ExceptionHandler(WebhookRejection.class)
    ResponseEntity<String> rejected(WebhookRejection e, HttpServletRequest request) {
        log.warn("POST {} refused with {}: {}", request.getRequestURI(), e.status(), e.getMessage());
        return ResponseEntity.status(e.status()).contentType(MediaType.TEXT_PLAIN).body(e.getMessage());
    }
}
