package org.parley.channel.social;

import java.util.List;
import java.util.function.Consumer;
import org.parley.base.InvalidInputException;
import org.parley.channel.IngestResult;
import org.parley.channel.IngestionService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Hands the messages found in one webhook delivery to the ingestion pipeline, each in its own
 * transaction (so one bad event cannot hold back the others, and a redelivery stores nothing twice).
 */
@Component
public class WebhookIngestion {

    private static final Logger log = LoggerFactory.getLogger(WebhookIngestion.class);

    private final IngestionService ingestion;
    private final SocialAccounts accounts;

    WebhookIngestion(IngestionService ingestion, SocialAccounts accounts) {
        this.ingestion = ingestion;
        this.accounts = accounts;
    }

    /** Ingests every event; returns how many were new messages. */
    public int ingest(List<WebhookEvent> events) {
        int stored = 0;
        for (WebhookEvent event : events) {
            if (ingest(event, null)) {
                stored++;
            }
        }
        return stored;
    }

    /**
     * Ingests one event, running {@code alsoInTransaction} with its result in the message's transaction (e.g. to
     * store its attachments); answers whether it was a new message.
     */
    public boolean ingest(WebhookEvent event, Consumer<IngestResult> alsoInTransaction) {
        try {
            IngestResult result = ingestion.ingest(event.message(), alsoInTransaction);
            accounts.recordEvent(event.network(), event.account(), !result.duplicate());
            return !result.duplicate();
        } catch (InvalidInputException e) {
            // acknowledged all the same: the platform would re-deliver a refused event forever
            log.warn("{} webhook event {} for account {} skipped: {}", event.network(),
                    event.message().externalId(), event.account(), e.getMessage());
            accounts.recordError(event.network(), event.account(),
                    "event " + event.message().externalId() + ": " + e.getMessage());
            return false;
        }
    }
}
