package org.parley.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.parley.conversation.ConversationStatus;
import org.parley.conversation.ConversationView;
import org.parley.conversation.Direction;
import org.parley.conversation.MessageView;
import org.parley.report.ConversationFacts.Mark;
import org.parley.report.ConversationFacts.Response;
import org.parley.sla.BusinessHours;
import org.parley.sla.SlaState;

/**
 * Derives a conversation's facts by replaying its history: customer messages and public replies in time
 * order (notes never count), with the recorded status changes woven in. A customer message brings PENDING
 * or RESOLVED back to OPEN (a reopen when it was resolved), a public reply moves OPEN to PENDING, as the
 * conversation service does; the recorded marks add what messages do not say (resolve, explicit status).
 *
 * <p>The replay's position after its last step is a {@link State}: the report module keeps it per conversation
 * and continues it with one step per new event ({@link Replay#resume}), which gives the same facts as replaying
 * everything again as long as each step comes after the last one in replay order ({@link Replay#follows}).
 */
final class FactCalculator {

    /** Step kinds in replay order: at the same instant a message comes before a status mark. */
    static final int MESSAGE = 0;
    static final int MARK = 1;
    /**
     * The kind a replay state records after a customer's message when every step at that instant was a customer's
     * message; in replay order it is a {@link #MESSAGE}. Customer messages at one instant give the same replay in
     * any order, so another one at that instant can still be applied as a step ({@link Replay#followsInbound}).
     */
    static final int CUSTOMER_MESSAGES = 2;

    /**
     * The facts, a status mark to record when the replay did not end in the conversation's status, and the
     * replay's position after it. From {@link #compute} the facts carry every response; from a resumed replay
     * only the responses of its new steps.
     *
     * @param resumable whether {@code state} is where a sorted replay of the same steps (the new mark included)
     *        ends: false when the new mark is dated before the last step, so the state must not be continued
     */
    record Result(ConversationFacts facts, Optional<Mark> newMark, State state, boolean resumable) {
    }

    /**
     * Where a replay stands after its last step (see {@link Replay}).
     *
     * @param createdAt the conversation's creation, where the replay started
     * @param lastStepAt the last step's time, null before the first step
     * @param lastStepKind {@link #MESSAGE}, {@link #MARK} or {@link #CUSTOMER_MESSAGES}
     */
    record State(Instant createdAt, ConversationStatus status, Instant since, Duration openBusiness, int reopens,
            Instant waitingSince, Instant firstInbound, Instant firstResponse, Instant lastStepAt, int lastStepKind) {

        /**
         * Whether anything in the state was measured in business time: if not, the replay can go on in another
         * calendar (a conversation whose SLA policy arrived after its first message) as if it had begun there.
         */
        boolean measuredInBusinessTime() {
            return firstResponse != null || !since.equals(createdAt) || !openBusiness.isZero();
        }
    }

    private FactCalculator() {
    }

    /**
     * @param markTime when a status change the replay cannot explain happened, if the conversation is not
     *        resolved (then its resolvedAt is the time): the time the change was noticed
     */
    static Result compute(ConversationView c, List<MessageView> messages, List<Mark> marks, BusinessHours hours,
            SlaState sla, Instant markTime) {
        record Step(Instant at, int order, MessageView message, Mark mark) {
        }
        List<Step> steps = new ArrayList<>();
        for (MessageView m : messages) {
            if (m.direction() != Direction.NOTE) {
                steps.add(new Step(m.occurredAt(), MESSAGE, m, null));
            }
        }
        for (Mark mark : marks) {
            steps.add(new Step(mark.at(), MARK, null, mark));
        }
        steps.sort(Comparator.comparing(Step::at).thenComparingInt(Step::order));

        Replay replay = Replay.start(c.createdAt(), hours);
        for (Step step : steps) {
            if (step.message() != null) {
                MessageView m = step.message();
                if (m.direction() == Direction.INBOUND) {
                    replay.inbound(m.occurredAt());
                } else {
                    replay.outbound(m.id(), m.authorAgentId(), m.occurredAt());
                }
            } else {
                replay.mark(step.mark().status(), step.at());
            }
        }
        return finish(c, replay, sla, markTime);
    }

    /**
     * Ends a replay: a status the replay cannot explain is marked (at the conversation's resolvedAt when it is
     * resolved or closed, else at {@code markTime}), then the facts are read off the replay.
     */
    static Result finish(ConversationView c, Replay replay, SlaState sla, Instant markTime) {
        BusinessHours hours = replay.hours;
        Optional<Mark> newMark = replayEndMark(c, replay, markTime);
        boolean resumable = newMark.map(mark -> replay.follows(mark.at(), MARK)).orElse(true);
        newMark.ifPresent(mark -> replay.mark(mark.status(), mark.at()));

        Instant resolvedAt = !settled(c.status()) ? null : c.resolvedAt() != null ? c.resolvedAt() : replay.since;
        Long firstResponseSeconds = null;
        Long firstResponseBusiness = null;
        if (replay.firstInbound != null && replay.firstResponse != null) {
            firstResponseSeconds = Duration.between(replay.firstInbound, replay.firstResponse).toSeconds();
            firstResponseBusiness = hours.between(replay.firstInbound, replay.firstResponse).toSeconds();
        }
        boolean frBreached = false;
        boolean nrBreached = false;
        boolean resBreached = false;
        int warnings = 0;
        int breaches = 0;
        int second = 0;
        UUID policy = null;
        if (sla != null) {
            policy = sla.policyId();
            for (SlaState.Escalation e : sla.escalations()) {
                switch (e.level()) {
                    case "WARNING" -> warnings++;
                    case "SECOND_LEVEL" -> second++;
                    case "BREACH" -> {
                        breaches++;
                        switch (e.target()) {
                            case "FIRST_RESPONSE" -> frBreached = true;
                            case "NEXT_RESPONSE" -> nrBreached = true;
                            default -> resBreached = true;
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        ConversationFacts facts = new ConversationFacts(c.id(), c.createdAt(), c.channel(), c.teamId(), c.assigneeId(),
                c.priority(), c.status(), replay.firstInbound, replay.firstResponse, firstResponseSeconds,
                firstResponseBusiness, resolvedAt,
                resolvedAt == null ? null : Duration.between(c.createdAt(), resolvedAt).toSeconds(),
                resolvedAt == null ? null : replay.openBusiness.toSeconds(), replay.reopens, policy, frBreached,
                nrBreached, resBreached, warnings, breaches, second, List.copyOf(replay.responses));
        return new Result(facts, newMark, replay.state(), resumable);
    }

    /** The mark {@link #finish} will add for a replay that did not end in the conversation's status, if any. */
    static Optional<Mark> replayEndMark(ConversationView c, Replay replay, Instant markTime) {
        if (replay.status == c.status()) {
            return Optional.empty();
        }
        boolean settled = settled(c.status());
        Instant at = settled && c.resolvedAt() != null ? c.resolvedAt() : markTime;
        if (at.isBefore(replay.since)) {
            at = replay.since;
        }
        return Optional.of(new Mark(at, c.status()));
    }

    private static boolean settled(ConversationStatus status) {
        return status == ConversationStatus.RESOLVED || status == ConversationStatus.CLOSED;
    }

    /** The replay itself: one step per customer message, public reply or status mark, in time order. */
    static final class Replay {
        final BusinessHours hours;
        final Instant createdAt;
        ConversationStatus status = ConversationStatus.OPEN;
        Instant since;
        Duration openBusiness = Duration.ZERO;
        int reopens;
        Instant waitingSince;
        Instant firstInbound;
        Instant firstResponse;
        Instant lastStepAt;
        int lastStepKind;
        /** The responses of this replay's own steps (a resumed replay starts without the earlier ones). */
        final List<Response> responses = new ArrayList<>();

        private Replay(Instant createdAt, BusinessHours hours) {
            this.createdAt = createdAt;
            this.since = createdAt;
            this.hours = hours;
        }

        static Replay start(Instant createdAt, BusinessHours hours) {
            return new Replay(createdAt, hours);
        }

        /** Continues a replay from its stored position, in {@code hours}. */
        static Replay resume(State state, BusinessHours hours) {
            Replay r = new Replay(state.createdAt(), hours);
            r.status = state.status();
            r.since = state.since();
            r.openBusiness = state.openBusiness();
            r.reopens = state.reopens();
            r.waitingSince = state.waitingSince();
            r.firstInbound = state.firstInbound();
            r.firstResponse = state.firstResponse();
            r.lastStepAt = state.lastStepAt();
            r.lastStepKind = state.lastStepKind();
            return r;
        }

        State state() {
            return new State(createdAt, status, since, openBusiness, reopens, waitingSince, firstInbound,
                    firstResponse, lastStepAt, lastStepKind);
        }

        ConversationStatus status() {
            return status;
        }

        /**
         * Whether a step of {@code kind} at {@code at} comes strictly after the last step in replay order, so that
         * applying it now gives what a replay of everything, sorted, would. A tie (two messages, or two marks, at
         * the same instant) does not: the sorted replay's order among them is not known here.
         */
        boolean follows(Instant at, int kind) {
            if (lastStepAt == null) {
                return true;
            }
            int c = at.compareTo(lastStepAt);
            return c > 0 || (c == 0 && kind > order(lastStepKind));
        }

        /**
         * Whether a customer's message at {@code at} can be applied now: when it {@link #follows} the last step, and
         * also at the last step's instant when every step at that instant was a customer's message (their order
         * among each other changes nothing: the first of them sets what the others would).
         */
        boolean followsInbound(Instant at) {
            return follows(at, MESSAGE) || (at.equals(lastStepAt) && lastStepKind == CUSTOMER_MESSAGES);
        }

        private static int order(int kind) {
            return kind == CUSTOMER_MESSAGES ? MESSAGE : kind;
        }

        /** A customer's message. */
        void inbound(Instant at) {
            if (firstInbound == null) {
                firstInbound = at;
            }
            if (waitingSince == null) {
                waitingSince = at;
            }
            if (status != ConversationStatus.OPEN && status != ConversationStatus.CLOSED) {
                move(ConversationStatus.OPEN, at);
            }
            boolean onlyCustomerMessagesAtThisInstant = !at.equals(lastStepAt) || lastStepKind == CUSTOMER_MESSAGES;
            stepped(at, onlyCustomerMessagesAtThisInstant ? CUSTOMER_MESSAGES : MESSAGE);
        }

        /** A public reply (an agent's answer, an auto-reply, a logged outbound call). */
        void outbound(UUID messageId, UUID agentId, Instant at) {
            if (waitingSince != null) {
                boolean first = firstResponse == null;
                if (first) {
                    firstResponse = at;
                }
                responses.add(new Response(messageId, at, agentId, first,
                        Duration.between(waitingSince, at).toSeconds(), hours.between(waitingSince, at).toSeconds()));
                waitingSince = null;
            }
            if (status == ConversationStatus.OPEN) {
                move(ConversationStatus.PENDING, at);
            }
            stepped(at, MESSAGE);
        }

        /** A recorded status change. */
        void mark(ConversationStatus next, Instant at) {
            move(next, at);
            stepped(at, MARK);
        }

        private void stepped(Instant at, int kind) {
            lastStepAt = at;
            lastStepKind = kind;
        }

        private void move(ConversationStatus next, Instant at) {
            if (next == status) {
                return;
            }
            if (at.isBefore(since)) {
                at = since;
            }
            if (status == ConversationStatus.OPEN) {
                openBusiness = openBusiness.plus(hours.between(since, at));
            }
            if (settled(status) && !settled(next)) {
                reopens++;
            }
            status = next;
            since = at;
        }
    }
}
