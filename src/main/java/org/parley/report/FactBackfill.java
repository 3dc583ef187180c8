package org.parley.report;

import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Gives facts to conversations that have none (those from before the report module, or whose events were
 * lost), in batches on the application's task executor after start-up, so the first reports are complete.
 * Each conversation is recomputed from all its messages, which also stores its replay state for the live path.
 */
@Component
class FactBackfill {

    private static final Logger log = LoggerFactory.getLogger(FactBackfill.class);
    static final int BATCH = 200;

    private final FactStore store;
    private final FactMaintainer facts;
    private final TaskExecutor executor;
    private final boolean enabled;

    FactBackfill(FactStore store, FactMaintainer facts, @Qualifier("applicationTaskExecutor") TaskExecutor executor,
            @Value("${parley.reports.backfill-enabled:true}") boolean enabled) {
        this.store = store;
        this.facts = facts;
        this.executor = executor;
        this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (enabled) {
            executor.execute(this::run);
        }
    }

    /** @return the number of conversations that got facts */
    long run() {
        long done = 0;
        UUID after = null;
        try {
            List<UUID> batch;
            do {
                batch = store.withoutFacts(after, BATCH);
                for (UUID id : batch) {
                    facts.refresh(id, false);
                    after = id;
                    done++;
                }
            } while (batch.size() == BATCH);
            if (done > 0) {
                log.info("report facts backfilled for {} conversations", done);
            }
        } catch (RuntimeException e) {
            log.warn("report backfill stopped after {} conversations: {}", done, e.toString());
        }
        return done;
    }
}
