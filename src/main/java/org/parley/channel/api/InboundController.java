package org.parley.channel.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.parley.base.Channel;
import org.parley.base.InvalidInputException;
import org.parley.channel.InboundMessage;
import org.parley.channel.IngestResult;
import org.parley.channel.IngestionService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/inbound}: messages from any source that is not a built-in channel. */
@RestController
@RequestMapping("/api/v1/inbound")
class InboundController {

    private final IngestionService ingestion;

    InboundController(IngestionService ingestion) {
        this.ingestion = ingestion;
    }

    @PostMapping(consumes = "application/json")
    ResponseEntity<Answer> receive(@RequestBody Request body) {
        if (body == null) {
            throw new InvalidInputException("request body is required");
        }
        IngestResult result = ingestion.ingest(body.toMessage());
        Answer answer = new Answer(result.messageId(), result.conversationId(), result.customerId());
        return ResponseEntity.status(result.duplicate() ? HttpStatus.OK : HttpStatus.CREATED).body(answer);
    }

    /** The JSON body; enum names are checked here so that a wrong one gets a precise reason. */
    record Request(String channel, String externalId, From from, String subject, String text, String html,
            String inReplyTo, List<String> references, String threadKey, Instant receivedAt) {

        InboundMessage toMessage() {
            if (from == null) {
                throw new InvalidInputException("from is required");
            }
            if (references != null && references.stream().anyMatch(java.util.Objects::isNull)) {
                throw new InvalidInputException("references must be a list of message ids, without null");
            }
            return new InboundMessage(Channel.parse(channel, "channel"), externalId,
                    new InboundMessage.Sender(Channel.parse(from.type, "from.type"), from.value, from.name),
                    subject, text, html, inReplyTo, references, threadKey, receivedAt);
        }
    }

    record From(String type, String value, String name) {
    }

    record Answer(UUID messageId, UUID conversationId, UUID customerId) {
    }
}
