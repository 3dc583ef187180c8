package org.parley.channel;

import java.time.Duration;
import java.time.Instant;
import org.parley.base.InvalidInputException;
import org.parley.conversation.ConversationService;
import org.parley.conversation.IncomingMessage;
import org.parley.conversation.StoredMessage;
import org.parley.customer.CustomerDirectory;
import org.parley.customer.IdentityKey;
import org.parley.customer.ResolvedCustomer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one way in for every channel: validate, resolve the sender to a customer, thread, store
 * idempotently and announce. Everything happens in one transaction, so a message is either stored
 * completely or not at all; its caller acknowledges only after the commit.
 */
@Service
public class IngestionService {

    private static final Logger log = LoggerFactory.getLogger(IngestionService.class);
    private static final int ATTEMPTS = 5;
    private static final Duration MAX_CLOCK_SKEW = Duration.ofDays(1);

    private final CustomerDirectory customers;
    private final ConversationService conversations;
    private final TransactionTemplate transaction;

    IngestionService(CustomerDirectory customers, ConversationService conversations, TransactionTemplate transaction) {
        this.customers = customers;
        this.conversations = conversations;
        this.transaction = transaction;
    }

    public IngestResult ingest(InboundMessage message) {
        validate(message);
        IdentityKey sender = customers.normalizer().normalize(message.from().type(), message.from().value());
        Instant receivedAt = message.receivedAt() == null ? Instant.now() : message.receivedAt();
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(status -> store(message, sender, receivedAt));
            } catch (DataIntegrityViolationException | ConcurrencyFailureException race) {
                // a concurrent delivery of the same message or a first message of the same new customer
                // won the race (unique key, optimistic version or lock): the next attempt finds its rows
                if (attempt == ATTEMPTS) {
                    throw race;
                }
                log.debug("retrying ingestion of {}/{} after a concurrent write: {}", message.channel(),
                        message.externalId(), race.getMessage());
                backOff(attempt);
            }
        }
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(5, 20) * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying an ingestion", e);
        }
    }

    private IngestResult store(InboundMessage message, IdentityKey sender, Instant receivedAt) {
        ResolvedCustomer customer = customers.resolve(sender, message.from().name(), message.from().value().strip(),
                receivedAt);
        String authorName = message.from().name() == null || message.from().name().isBlank()
                ? message.from().value().strip() : message.from().name().strip();
        StoredMessage stored = conversations.receive(new IncomingMessage(customer.customerId(), authorName,
                message.channel(), message.externalId().strip(), message.subject(), message.text(), message.html(),
                message.inReplyTo(), message.references(), message.threadKey(), receivedAt,
                blankToNull(message.account())));
        return new IngestResult(stored.messageId(), stored.conversationId(), stored.customerId(), stored.duplicate());
    }

    private static void validate(InboundMessage m) {
        if (m.channel() == null) {
            throw new InvalidInputException("channel is required");
        }
        requireLength("externalId", m.externalId(), 1, 255);
        if (m.from() == null) {
            throw new InvalidInputException("from is required");
        }
        if (m.from().type() == null) {
            throw new InvalidInputException("from.type is required");
        }
        requireLength("from.value", m.from().value(), 1, 320);
        maxLength("from.name", m.from().name(), 200);
        maxLength("subject", m.subject(), 300);
        maxLength("text", m.text(), 60_000);
        maxLength("html", m.html(), 1_000_000);
        maxLength("inReplyTo", m.inReplyTo(), 255);
        maxLength("threadKey", m.threadKey(), 200);
        if (m.references().size() > 100) {
            throw new InvalidInputException("references may name at most 100 messages");
        }
        m.references().forEach(r -> maxLength("references[]", r, 255));
        if (isBlank(m.text()) && isBlank(m.html())) {
            throw new InvalidInputException("text or html is required");
        }
        if (m.receivedAt() != null && m.receivedAt().isAfter(Instant.now().plus(MAX_CLOCK_SKEW))) {
            throw new InvalidInputException("receivedAt lies more than a day in the future");
        }
    }

    private static void requireLength(String field, String value, int min, int max) {
        if (value == null || value.strip().length() < min) {
            throw new InvalidInputException(field + " is required");
        }
        maxLength(field, value, max);
    }

    private static void maxLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new InvalidInputException(field + " must be at most " + max + " characters");
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
