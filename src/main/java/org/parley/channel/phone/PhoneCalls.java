package org.parley.channel.phone;

import org.parley.conversation.ConversationAccess.Viewer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.parley.base.Channel;
import org.parley.base.InvalidInputException;
import org.parley.channel.InboundMessage;
import org.parley.channel.IngestResult;
import org.parley.channel.IngestionService;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationStatus;
import org.parley.conversation.ConversationView;
import org.parley.conversation.MessageView;
import org.parley.customer.CustomerDirectory;
import org.parley.customer.IdentityKey;
import org.parley.customer.ResolvedCustomer;
import org.parley.team.Agent;
import org.parley.team.TeamDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Phone calls in the customer's timeline: calls reported by a telephony provider (one record per call id,
 * updated by later events) and calls agents log by hand. An inbound call is the customer's message; an
 * outbound call is an agent's message that is a record of the call, not something to deliver. A missed
 * call or voicemail (or a requested callback) tags its conversation {@value #CALLBACK_TAG} and keeps it open.
 */
@Service
public class PhoneCalls {

    public static final String CALLBACK_TAG = "callback";
    static final String CALL_ID_PREFIX = "call:";
    static final String LOGGED_CALL_PREFIX = "logged-call:";
    private static final Logger log = LoggerFactory.getLogger(PhoneCalls.class);
    private static final int MAX_TRANSCRIPT = 50_000;

    private final PhoneCallRepository calls;
    private final IngestionService ingestion;
    private final ConversationService conversations;
    private final CustomerDirectory customers;
    private final TeamDirectory team;
    private final TransactionTemplate transaction;

    PhoneCalls(PhoneCallRepository calls, IngestionService ingestion, ConversationService conversations,
            CustomerDirectory customers, TeamDirectory team, TransactionTemplate transaction) {
        this.calls = calls;
        this.ingestion = ingestion;
        this.conversations = conversations;
        this.customers = customers;
        this.team = team;
        this.transaction = transaction;
    }

    /** One event of a telephony provider about a call. */
    public record CallEvent(String callId, CallDirection direction, String from, String to, CallStatus status,
            Instant startedAt, Instant endedAt, String recordingUrl, String transcript) {
    }

    /** Where a call landed; {@code created} for its first event, {@code callbackNeeded} when tagged for a callback. */
    public record CallResult(UUID messageId, UUID conversationId, UUID customerId, String status, boolean created,
            boolean callbackNeeded) {
    }

    /**
     * A call an agent logs from the inbox or the customer panel.
     *
     * @param customerId the customer whose panel it was logged from, or null: a number nobody has yet becomes
     *     this customer's phone identity; a number someone has leads to that customer
     */
    public record LoggedCall(UUID customerId, CallDirection direction, String number, Instant startedAt,
            Duration duration, CallOutcome outcome, String notes) {
    }

    /** Takes a provider's call event: the first event of a call id stores it, later ones update it. */
    public CallResult report(CallEvent event) {
        validate(event);
        String from = normalize(event.from(), "from");
        String to = normalize(event.to(), "to");
        String callId = event.callId().strip();
        for (int attempt = 1; ; attempt++) {
            Optional<PhoneCall> known = calls.findByCallId(callId);
            if (known.isPresent()) {
                return update(known.get().getId(), event);
            }
            try {
                return create(callId, event, from, to);
            } catch (DataIntegrityViolationException race) {
                // a concurrent first event of the same call stored it: this one is an update
                if (attempt == 3) {
                    throw race;
                }
                log.debug("call {} was stored concurrently; updating it instead", callId);
            }
        }
    }

    /** Stores a call an agent logged; returns the message that records it. */
    public CallResult logCall(LoggedCall call, UUID agentId) {
        if (call == null || call.direction() == null) {
            throw new InvalidInputException("direction is required");
        }
        if (call.outcome() == null) {
            throw new InvalidInputException("outcome is required");
        }
        if (call.startedAt() == null) {
            throw new InvalidInputException("started at is required");
        }
        if (call.startedAt().isAfter(Instant.now().plus(Duration.ofMinutes(5)))) {
            throw new InvalidInputException("started at lies in the future");
        }
        Duration duration = call.duration() == null ? Duration.ZERO : call.duration();
        if (duration.isNegative() || duration.compareTo(Duration.ofHours(24)) > 0) {
            throw new InvalidInputException("duration must be between 0 and 24 hours");
        }
        if (call.notes() != null && call.notes().length() > 10_000) {
            throw new InvalidInputException("notes must be at most 10,000 characters");
        }
        String number = normalize(call.number(), "number");
        Agent agent = team.findAgent(agentId).orElseThrow(() -> new InvalidInputException("unknown agent " + agentId));
        if (call.customerId() != null
                && customers.findByIdentity(customers.normalizer().normalize(Channel.PHONE, number)).isEmpty()) {
            customers.addIdentity(call.customerId(), Channel.PHONE, number);
        }
        String text = loggedSummary(call, number, duration, agent.getDisplayName());
        String externalId = LOGGED_CALL_PREFIX + UUID.randomUUID();
        UUID messageId;
        UUID conversationId;
        UUID customerId;
        if (call.direction() == CallDirection.INBOUND) {
            IngestResult r = ingestion.ingest(new InboundMessage(Channel.PHONE, externalId,
                    new InboundMessage.Sender(Channel.PHONE, number, null), null, text, null, null, List.of(), null,
                    call.startedAt(), null));
            messageId = r.messageId();
            conversationId = r.conversationId();
            customerId = r.customerId();
        } else {
            ResolvedCustomer customer = resolve(number, call.startedAt());
            MessageView m = conversations.recordOutboundCall(Viewer.SYSTEM, customer.customerId(), agent.getId(), agent.getDisplayName(), externalId, text, call.startedAt());
            messageId = m.id();
            conversationId = m.conversationId();
            customerId = customer.customerId();
        }
        boolean callback = call.outcome().needsCallback();
        if (callback) {
            markCallback(conversationId);
        }
        return new CallResult(messageId, conversationId, customerId, call.outcome().name(), true, callback);
    }

    private CallResult create(String callId, CallEvent event, String from, String to) {
        String customerNumber = event.direction() == CallDirection.INBOUND ? from : to;
        String businessNumber = event.direction() == CallDirection.INBOUND ? to : from;
        Instant at = event.startedAt() == null ? Instant.now() : event.startedAt();
        String text = summary(event.direction(), from, to, event.status(), event.startedAt(), event.endedAt(),
                event.recordingUrl(), event.transcript());
        UUID messageId;
        UUID conversationId;
        UUID customerId;
        if (event.direction() == CallDirection.INBOUND) {
            IngestResult r = ingestion.ingest(new InboundMessage(Channel.PHONE, CALL_ID_PREFIX + callId,
                    new InboundMessage.Sender(Channel.PHONE, customerNumber, null), null, text, null, null, List.of(),
                    null, at, businessNumber));
            messageId = r.messageId();
            conversationId = r.conversationId();
            customerId = r.customerId();
        } else {
            ResolvedCustomer customer = resolve(customerNumber, at);
            MessageView m = conversations.recordOutboundCall(Viewer.SYSTEM, customer.customerId(), null, "Phone system", CALL_ID_PREFIX + callId, text, at);
            messageId = m.id();
            conversationId = m.conversationId();
            customerId = customer.customerId();
        }
        transaction.executeWithoutResult(status -> {
            PhoneCall call = new PhoneCall(callId, event.direction(), from, to, messageId, conversationId, customerId);
            call.update(event.status(), event.startedAt(), event.endedAt(), blankToNull(event.recordingUrl()),
                    blankToNull(event.transcript()));
            calls.saveAndFlush(call);
        });
        boolean callback = callbackNeeded(event.direction(), event.status());
        if (callback) {
            markCallback(conversationId);
        }
        return new CallResult(messageId, conversationId, customerId, event.status().name(), true, callback);
    }

    private CallResult update(UUID id, CallEvent event) {
        PhoneCall updated = transaction.execute(status -> {
            PhoneCall call = calls.findById(id).orElseThrow();
            if (call.getDirection() != event.direction()) {
                throw new InvalidInputException("call " + call.getCallId() + " is " + call.getDirection()
                        + ", not " + event.direction());
            }
            call.update(event.status(), event.startedAt(), event.endedAt(), blankToNull(event.recordingUrl()),
                    blankToNull(event.transcript()));
            conversations.amendCallRecord(Viewer.SYSTEM, call.getMessageId(), summary(call.getDirection(), call.getFromNumber(),
                    call.getToNumber(), call.getStatus(), call.getStartedAt(), call.getEndedAt(),
                    call.getRecordingUrl(), call.getTranscript()));
            return call;
        });
        boolean callback = callbackNeeded(updated.getDirection(), updated.getStatus());
        if (callback) {
            markCallback(updated.getConversationId());
        }
        return new CallResult(updated.getMessageId(), updated.getConversationId(), updated.getCustomerId(),
                updated.getStatus().name(), false, callback);
    }

    private static boolean callbackNeeded(CallDirection direction, CallStatus status) {
        return direction == CallDirection.INBOUND && status.needsCallbackWhenInbound();
    }

    /** Tags the conversation for a callback and makes sure it is open, so it shows in the queues. */
    private void markCallback(UUID conversationId) {
        ConversationView conversation = conversations.get(Viewer.SYSTEM, conversationId);
        if (!conversation.tags().contains(CALLBACK_TAG)) {
            List<String> tags = new ArrayList<>(conversation.tags());
            tags.add(CALLBACK_TAG);
            conversations.setTags(Viewer.SYSTEM, conversationId, tags);
        }
        if (conversation.status() != ConversationStatus.OPEN) {
            conversations.setStatus(Viewer.SYSTEM, conversationId, ConversationStatus.OPEN);
        }
    }

    private ResolvedCustomer resolve(String number, Instant at) {
        IdentityKey key = customers.normalizer().normalize(Channel.PHONE, number);
        return customers.resolve(key, null, number, at);
    }

    private String normalize(String number, String field) {
        if (number == null || number.isBlank()) {
            throw new InvalidInputException(field + " is required");
        }
        if (number.length() > 40) {
            throw new InvalidInputException(field + " must be at most 40 characters");
        }
        try {
            return customers.normalizer().normalize(Channel.PHONE, number).value();
        } catch (InvalidInputException e) {
            throw new InvalidInputException(field + ": " + e.getMessage());
        }
    }

    private static void validate(CallEvent e) {
        if (e == null) {
            throw new InvalidInputException("request body is required");
        }
        if (e.callId() == null || e.callId().isBlank()) {
            throw new InvalidInputException("callId is required");
        }
        if (e.callId().strip().length() > 190) {
            throw new InvalidInputException("callId must be at most 190 characters");
        }
        if (e.direction() == null) {
            throw new InvalidInputException("direction is required");
        }
        if (e.status() == null) {
            throw new InvalidInputException("status is required");
        }
        if (e.startedAt() != null && e.endedAt() != null && e.endedAt().isBefore(e.startedAt())) {
            throw new InvalidInputException("endedAt lies before startedAt");
        }
        if (e.startedAt() != null && e.startedAt().isAfter(Instant.now().plus(Duration.ofDays(1)))) {
            throw new InvalidInputException("startedAt lies more than a day in the future");
        }
        if (e.recordingUrl() != null && !e.recordingUrl().isBlank()) {
            if (e.recordingUrl().length() > 2000) {
                throw new InvalidInputException("recordingUrl must be at most 2000 characters");
            }
            try {
                URI uri = new URI(e.recordingUrl().strip());
                if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())
                        || uri.getHost() == null) {
                    throw new InvalidInputException("recordingUrl must be an http(s) URL");
                }
            } catch (java.net.URISyntaxException bad) {
                throw new InvalidInputException("recordingUrl is not a valid URL");
            }
        }
        if (e.transcript() != null && e.transcript().length() > MAX_TRANSCRIPT) {
            throw new InvalidInputException("transcript must be at most " + MAX_TRANSCRIPT + " characters");
        }
    }

    static String summary(CallDirection direction, String from, String to, CallStatus status, Instant startedAt,
            Instant endedAt, String recordingUrl, String transcript) {
        StringBuilder s = new StringBuilder(direction == CallDirection.INBOUND ? "Inbound call from " + from + " to " + to
                : "Outbound call from " + from + " to " + to);
        s.append(": ").append(status.label());
        if (startedAt != null && endedAt != null) {
            s.append(" · ").append(duration(Duration.between(startedAt, endedAt)));
        }
        if (callbackNeeded(direction, status)) {
            s.append(" · callback needed");
        }
        if (recordingUrl != null && !recordingUrl.isBlank()) {
            s.append('\n').append(status == CallStatus.VOICEMAIL ? "Voicemail: " : "Recording: ").append(recordingUrl.strip());
        }
        if (transcript != null && !transcript.isBlank()) {
            s.append("\nTranscript: ").append(transcript.strip());
        }
        return s.toString();
    }

    private static String loggedSummary(LoggedCall call, String number, Duration duration, String agentName) {
        StringBuilder s = new StringBuilder(call.direction() == CallDirection.INBOUND
                ? "Inbound call from " + number : "Outbound call to " + number);
        s.append(": ").append(call.outcome().label());
        if (!duration.isZero()) {
            s.append(" · ").append(duration(duration));
        }
        if (call.outcome().needsCallback()) {
            s.append(" · callback needed");
        }
        s.append(" (logged by ").append(agentName).append(')');
        if (call.notes() != null && !call.notes().isBlank()) {
            s.append('\n').append(call.notes().strip());
        }
        return s.toString();
    }

    static String duration(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 60) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        return minutes < 60 ? minutes + " min " + (seconds % 60) + " s"
                : (minutes / 60) + " h " + (minutes % 60) + " min";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
