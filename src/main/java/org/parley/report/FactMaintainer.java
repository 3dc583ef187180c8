package org.parley.report;

import org.parley.conversation.ConversationAccess.Viewer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.WeakHashMap;
import org.parley.base.events.DomainEvent;
import org.parley.conversation.AgentReplied;
import org.parley.conversation.CallLogged;
import org.parley.conversation.ConversationChanged;
import org.parley.conversation.ConversationChanged.StatusChanged;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationView;
import org.parley.conversation.MessageReceived;
import org.parley.report.ConversationFacts.Mark;
import org.parley.report.FactCalculator.Replay;
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
 * Keeps a conversation's facts. Live, each event is one step on the conversation's stored replay state
 * ({@link #apply}): the conversation row and its SLA state are read once per batch, its messages never. A step
 * that does not come after the state's last one (a late event, a message dated before the last step, a tie) or
 * a state that no longer fits (no state yet, the creation time moved, the business hours changed after
 * something was measured in them) falls back to the recompute from all messages and recorded status changes
 * ({@link #recompute}), which is also what the backfill runs; the recompute does not depend on the order in
 * which events arrive.
 */
@Service
class FactMaintainer {

    private static final Logger log = LoggerFactory.getLogger(FactMaintainer.class);
    private static final int ATTEMPTS = 4;
    private static final String ALWAYS_OPEN = "always";

    private final ConversationService conversations;
    private final SlaClocks slaClocks;
    private final SlaAdministration slaAdmin;
    private final FactStore store;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final Counter steps;
    private final Counter recomputes;
    /** The key of each compiled calendar (a changed calendar compiles to a new instance). */
    private final Map<BusinessHours, String> calendarKeys = Collections.synchronizedMap(new WeakHashMap<>());

    /** Business hours and the key that tells whether a stored state was measured in the same ones. */
    record Calendar(BusinessHours hours, String key) {
    }

    FactMaintainer(ConversationService conversations, SlaClocks slaClocks, SlaAdministration slaAdmin,
            FactStore store, Clock clock, PlatformTransactionManager transactions, MeterRegistry meters) {
        this.conversations = conversations;
        this.slaClocks = slaClocks;
        this.slaAdmin = slaAdmin;
        this.store = store;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
        // each attempt in its own transaction: the listener's transaction would be rollback-only after a conflict
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.steps = Counter.builder("parley.reports.facts.updates").tag("path", "step")
                .description("report fact updates applied as steps on the stored replay state").register(meters);
        this.recomputes = Counter.builder("parley.reports.facts.updates").tag("path", "recompute")
                .description("report fact updates recomputed from all of a conversation's messages").register(meters);
    }

    /**
     * Recomputes one conversation's facts from all its messages, in a transaction of its own (the backfill).
     *
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

    /** Recomputes from all messages inside the caller's transaction. */
    void refreshInTransaction(UUID conversationId) {
        refreshOnce(conversationId, true);
    }

    private void refreshOnce(UUID conversationId, boolean live) {
        // a conversation merged into another one is a pointer: its messages and facts belong to the other one
        Optional<ConversationView> found = conversations.find(Viewer.SYSTEM, conversationId)
                .filter(c -> !c.isMerged());
        if (found.isEmpty()) {
            store.deleteWithHistory(List.of(conversationId));
            return;
        }
        ConversationView c = found.get();
        SlaState sla = slaClocks.state(Viewer.SYSTEM, conversationId).orElse(null);
        Instant now = store.stored(clock.instant()); // a mark dated now is stored at this precision
        recompute(c, sla, calendarOf(sla), live ? now : c.lastActivityAt(), now, List.of());
    }

    /**
     * Applies one batch's events of one conversation, oldest first, inside the caller's transaction (the event
     * subscriber's batch): each event is a step on the stored replay state, unless it cannot be (see the class).
     */
    void apply(UUID conversationId, List<DomainEvent> events) {
        List<FactStore.Update> updates = new ArrayList<>(1);
        apply(conversationId, conversations.find(Viewer.SYSTEM, conversationId), events,
                slaClocks.state(Viewer.SYSTEM, conversationId).orElse(null), store.state(conversationId), updates);
        store.updateAll(updates);
    }

    /**
     * {@link #apply} for each conversation of a batch, in the map's order: their conversations, SLA states and
     * stored replay states read together, three queries in all (one read per conversation was half of the
     * subscriber's time under a burst). Each conversation of the map is applied once, so a state read here is the
     * one it would read just before.
     */
    void applyAll(Map<UUID, List<DomainEvent>> eventsByConversation) {
        if (eventsByConversation.isEmpty()) {
            return;
        }
        Map<UUID, ConversationView> views = new HashMap<>();
        for (ConversationView view : conversations.findAll(Viewer.SYSTEM, eventsByConversation.keySet())) {
            views.put(view.id(), view);
        }
        Map<UUID, SlaState> slaStates = slaClocks.states(Viewer.SYSTEM, views.keySet());
        Map<UUID, FactStore.StoredState> storedStates = store.states(views.keySet());
        List<FactStore.Update> updates = new ArrayList<>(eventsByConversation.size());
        eventsByConversation.forEach((id, events) -> apply(id, Optional.ofNullable(views.get(id)), events,
                slaStates.get(id), storedStates.get(id), updates));
        store.updateAll(updates);
    }

    /** Applies the events of one conversation; a step's row updates are added to {@code updates} for the caller. */
    private void apply(UUID conversationId, Optional<ConversationView> read, List<DomainEvent> events, SlaState sla,
            FactStore.StoredState stored, List<FactStore.Update> updates) {
        // a conversation merged into another one is a pointer: its messages and facts belong to the other one
        Optional<ConversationView> found = read.filter(c -> !c.isMerged());
        if (found.isEmpty()) {
            store.deleteWithHistory(List.of(conversationId));
            return;
        }
        ConversationView c = found.get();
        Calendar calendar = calendarOf(sla);
        Instant now = store.stored(clock.instant()); // a mark dated now is stored at this precision

        String unfit = stored == null ? (startsConversation(events.getFirst()) ? null : "no replay state")
                : !stored.hasFacts() ? "no facts row"
                : !stored.state().createdAt().equals(store.stored(c.createdAt()))
                        ? "creation time moved (" + stored.state().createdAt() + " -> " + c.createdAt() + ")"
                : !stored.hoursKey().equals(calendar.key()) && stored.state().measuredInBusinessTime()
                        ? "business hours changed" : null;
        if (unfit != null) {
            recompute(c, sla, calendar, now, now, List.of(), unfit);
            return;
        }
        Replay replay = stored == null ? Replay.start(c.createdAt(), calendar.hours())
                : Replay.resume(stored.state(), calendar.hours());
        List<Mark> marks = new ArrayList<>();
        for (DomainEvent event : events) {
            if (!step(conversationId, replay, event, marks)) {
                recompute(c, sla, calendar, now, now, marks, "late event");
                return;
            }
        }
        Optional<Mark> end = FactCalculator.replayEndMark(c, replay, now);
        if (end.isPresent() && !replay.follows(end.get().at(), FactCalculator.MARK)) {
            recompute(c, sla, calendar, now, now, marks, "status dated before the last step");
            return;
        }
        FactCalculator.Result result = FactCalculator.finish(c, replay, sla, now);
        marks.forEach(mark -> store.addMark(conversationId, mark));
        result.newMark().ifPresent(mark -> store.addMark(conversationId, mark));
        if (stored == null) {
            // a new conversation: the replay began with its first message, so its responses are all of them
            store.replace(result.facts(), now);
            store.insertState(conversationId, result.state(), calendar.key());
        } else {
            ConversationFacts f = result.facts();
            boolean moved = !java.util.Objects.equals(stored.factsTeamId(), f.teamId())
                    || stored.factsPriority() != f.priority();
            store.addResponses(f, moved);
            updates.add(new FactStore.Update(f, result.state(), calendar.key(), stored.revision(), now));
        }
        steps.increment();
    }

    /**
     * One event as a replay step; false when it does not come after the last step (then {@code marks} holds the
     * status changes to record before the recompute, this event's among them).
     */
    private boolean step(UUID conversationId, Replay replay, DomainEvent event, List<Mark> marks) {
        switch (event) {
            case MessageReceived m -> {
                Instant at = store.stored(m.occurredAt());
                if (!replay.followsInbound(at)) {
                    return false;
                }
                replay.inbound(at);
            }
            case AgentReplied r -> {
                // every public reply counts, an auto-reply too (it is an outbound message like any other)
                Instant at = store.stored(r.occurredAt());
                if (!replay.follows(at, FactCalculator.MESSAGE)) {
                    return false;
                }
                replay.outbound(r.messageId(), r.agentId(), at);
            }
            case CallLogged call -> {
                Instant at = store.stored(call.occurredAt());
                if (!replay.follows(at, FactCalculator.MESSAGE)) {
                    return false;
                }
                replay.outbound(call.messageId(), call.agentId(), at);
            }
            case ConversationChanged changed -> {
                Optional<StatusChanged> status = changed.find(StatusChanged.class);
                if (status.isPresent()) {
                    Instant at = store.stored(changed.occurredAt());
                    Mark mark = new Mark(at, status.get().to());
                    if (!replay.follows(at, FactCalculator.MARK)) {
                        if (marks.contains(mark) || store.marks(conversationId).contains(mark)) {
                            // recorded already (the status was noticed before its event came): nothing new
                            return true;
                        }
                        // a late change is recorded as it happened; the recompute places it among the messages
                        marks.add(mark);
                        return false;
                    }
                    // a change the messages explain (a reply moved OPEN to PENDING) needs no mark
                    if (replay.status() != mark.status()) {
                        replay.mark(mark.status(), at);
                        marks.add(mark);
                    }
                }
                // assignee, team and priority come from the conversation row, read once per batch
            }
            default -> {
                // an escalation: the SLA counters come from the SLA state, read once per batch
            }
        }
        return true;
    }

    private static boolean startsConversation(DomainEvent first) {
        return first instanceof MessageReceived m && m.newConversation()
                || first instanceof CallLogged call && call.newConversation();
    }

    private void recompute(ConversationView c, SlaState sla, Calendar calendar, Instant markTime, Instant now,
            List<Mark> extraMarks, String why) {
        log.debug("recomputing the report facts of {} from its messages: {}", c.id(), why);
        recompute(c, sla, calendar, markTime, now, extraMarks);
    }

    /** The recompute from all messages and recorded marks ({@code extraMarks} recorded first, once). */
    private void recompute(ConversationView c, SlaState sla, Calendar calendar, Instant markTime, Instant now,
            List<Mark> extraMarks) {
        UUID id = c.id();
        List<Mark> marks = new ArrayList<>(store.marks(id));
        for (Mark mark : extraMarks) {
            if (!marks.contains(mark)) {
                store.addMark(id, mark);
                marks.add(mark);
            }
        }
        FactCalculator.Result result = FactCalculator.compute(c, conversations.messages(Viewer.SYSTEM, id), marks, calendar.hours(),
                sla, markTime);
        result.newMark().filter(mark -> !marks.contains(mark)).ifPresent(mark -> store.addMark(id, mark));
        store.replace(result.facts(), now);
        if (result.resumable()) {
            store.putState(id, result.state(), calendar.key());
        } else {
            // the new mark sorts before the last step: the next event recomputes again, as before the state existed
            store.deleteState(id);
        }
        recomputes.increment();
    }

    /** The business hours of the conversation's SLA policy; calendar time without one. */
    Calendar calendarOf(SlaState sla) {
        if (sla == null) {
            return new Calendar(BusinessHours.always(), ALWAYS_OPEN);
        }
        UUID calendarId = slaAdmin.policy(sla.policyId()).calendarId();
        Optional<BusinessHours> hours = slaAdmin.businessHours(calendarId);
        if (hours.isEmpty()) {
            return new Calendar(BusinessHours.always(), ALWAYS_OPEN);
        }
        String key = calendarKeys.computeIfAbsent(hours.get(), h -> calendarKey(calendarId));
        return new Calendar(hours.get(), key);
    }

    /** The calendar's id and a digest of its hours: an edited calendar measures differently. */
    private String calendarKey(UUID calendarId) {
        SlaAdministration.CalendarView v = slaAdmin.calendar(calendarId);
        String definition = v.timeZone() + "|" + v.alwaysOpen() + "|" + (v.weeklyHours() == null ? List.of()
                : v.weeklyHours().stream().map(h -> h.day() + " " + h.from() + "-" + h.to()).toList()) + "|"
                + v.holidays();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(definition.getBytes(StandardCharsets.UTF_8));
            return calendarId + ":" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
