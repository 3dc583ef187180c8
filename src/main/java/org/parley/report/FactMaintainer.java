package org.parley.report;

import org.parley.conversation.ConversationAccess.Viewer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationView;
import org.parley.sla.BusinessHours;
import org.parley.sla.SlaAdministration;
import org.parley.sla.SlaClocks;
import org.parley.sla.SlaState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recomputes a conversation's facts from its current state whenever it changes. Recomputing from the
 * source (not adding deltas) makes the facts independent of the order in which events arrive.
 */
@Service
class FactMaintainer {

    private static final Logger log = LoggerFactory.getLogger(FactMaintainer.class);
    private static final int ATTEMPTS = 4;

    private final ConversationService conversations;
    private final SlaClocks slaClocks;
    private final SlaAdministration slaAdmin;
    private final FactStore store;
    private final Clock clock;
    private final TransactionTemplate tx;

    FactMaintainer(ConversationService conversations, SlaClocks slaClocks, SlaAdministration slaAdmin,
            FactStore store, Clock clock, PlatformTransactionManager transactions) {
        this.conversations = conversations;
        this.slaClocks = slaClocks;
        this.slaAdmin = slaAdmin;
        this.store = store;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
        // each attempt in its own transaction: the listener's transaction would be rollback-only after a conflict
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * @param live the change just happened (a status change the messages do not explain is dated now);
     *        false for the backfill of older conversations (dated at their last activity)
     */
    void refresh(UUID conversationId, boolean live) {
        for (int attempt = 1; ; attempt++) {
            try {
                tx.executeWithoutResult(status -> refreshOnce(conversationId, live));
                return;
            } catch (DataIntegrityViolationException | TransientDataAccessException e) {
                // two nodes or threads refreshed the same conversation at once, or a lock wait ran out under a
                // burst (the demo desk, an import): the later attempt wins, after a short, spread-out pause
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                log.debug("retrying report facts of {}: {}", conversationId, e.getMessage());
                try {
                    Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(50, 200) * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Recomputes inside the caller's transaction (an event subscriber's batch). */
    void refreshInTransaction(UUID conversationId) {
        refreshOnce(conversationId, true);
    }

    private void refreshOnce(UUID conversationId, boolean live) {
        Optional<ConversationView> found = conversations.find(Viewer.SYSTEM, conversationId);
        if (found.isEmpty()) {
            store.deleteWithHistory(List.of(conversationId));
            return;
        }
        ConversationView c = found.get();
        SlaState sla = slaClocks.state(conversationId).orElse(null);
        BusinessHours hours = sla == null ? BusinessHours.always()
                : slaAdmin.businessHours(slaAdmin.policy(sla.policyId()).calendarId()).orElse(BusinessHours.always());
        Instant now = clock.instant();
        Instant markTime = live ? now : c.lastActivityAt();
        List<ConversationFacts.Mark> marks = store.marks(conversationId);
        FactCalculator.Result result = FactCalculator.compute(c, conversations.messages(Viewer.SYSTEM, conversationId), marks, hours,
                sla, markTime);
        result.newMark().filter(mark -> !marks.contains(mark)).ifPresent(mark -> store.addMark(conversationId, mark));
        store.replace(result.facts(), now);
    }
}
