package org.parley.privacy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.parley.audit.AuditTrail;
import org.parley.conversation.ConversationRetention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Applies the retention policy batch by batch and reports each run in the audit trail. */
@Service
public class RetentionRun {

    private static final Logger log = LoggerFactory.getLogger(RetentionRun.class);
    private static final int BATCH = 500;

    private final RetentionProperties policy;
    private final ConversationRetention retention;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    RetentionRun(RetentionProperties policy, ConversationRetention retention, AuditTrail audit,
            TransactionTemplate transactions) {
        this.policy = policy;
        this.retention = retention;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = Clock.systemUTC();
    }

    public RetentionProperties policy() {
        return policy;
    }

    /** Runs the policy now; returns how many conversations it deleted or anonymised (0 when it is off). */
    public long runNow() {
        if (!policy.enabled()) {
            return 0;
        }
        Instant cutoff = clock.instant().minus(Duration.ofDays(policy.resolvedConversationsDays()));
        long handled = 0;
        int batch;
        do {
            batch = retention.purgeBatch(cutoff, policy.mode(), BATCH);
            handled += batch;
        } while (batch == BATCH);
        long total = handled;
        transactions.executeWithoutResult(tx -> audit.record("retention.run", "conversation", null,
                policy.mode() + " " + total + " conversations resolved before " + cutoff + " ("
                        + policy.resolvedConversationsDays() + " days)"));
        log.info("Retention: {} {} conversations resolved before {}", policy.mode(), total, cutoff);
        return total;
    }
}
