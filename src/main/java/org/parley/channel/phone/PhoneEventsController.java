package org.parley.channel.phone;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.parley.base.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/channels/phone/events}: call events from a telephony provider (API token like the
 * rest of {@code /api/**}). 201 for a call's first event, 200 for later ones of the same call id.
 */
@RestController
@RequestMapping("/api/v1/channels/phone/events")
class PhoneEventsController {

    private final PhoneCalls calls;

    PhoneEventsController(PhoneCalls calls) {
        this.calls = calls;
    }

    @PostMapping(consumes = "application/json")
    ResponseEntity<Answer> event(@RequestBody Request body) {
        if (body == null) {
            throw new InvalidInputException("request body is required");
        }
        PhoneCalls.CallResult result = calls.report(new PhoneCalls.CallEvent(body.callId(),
                parse(CallDirection.class, body.direction(), "direction"), body.from(), body.to(),
                parse(CallStatus.class, body.status(), "status"), body.startedAt(), body.endedAt(),
                body.recordingUrl(), body.transcript()));
        return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(new Answer(result.messageId(), result.conversationId(), result.customerId(), result.status(),
                        result.callbackNeeded()));
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field + " is required");
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field + " must be one of "
                    + java.util.Arrays.toString(type.getEnumConstants()) + ", not '" + value + "'");
        }
    }

    record Request(String callId, String direction, String from, String to, String status, Instant startedAt,
            Instant endedAt, String recordingUrl, String transcript) {
    }

    record Answer(UUID messageId, UUID conversationId, UUID customerId, String status, boolean callbackNeeded) {
    }
}
