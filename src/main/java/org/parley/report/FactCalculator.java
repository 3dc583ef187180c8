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
 */
final class FactCalculator {

    /** The facts, and a status mark to record when the replay did not end in the conversation's status. */
    record Result(ConversationFacts facts, Optional<Mark> newMark) {
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
                steps.add(new Step(m.occurredAt(), 0, m, null));
            }
        }
        for (Mark mark : marks) {
            steps.add(new Step(mark.at(), 1, null, mark));
        }
        steps.sort(Comparator.comparing(Step::at).thenComparingInt(Step::order));

        Replay replay = new Replay(c.createdAt(), hours);
        for (Step step : steps) {
            if (step.message() != null) {
                replay.message(step.message());
            } else {
                replay.mark(step.mark().status(), step.at());
            }
        }
        Optional<Mark> newMark = Optional.empty();
        if (replay.status != c.status()) {
            boolean settled = c.status() == ConversationStatus.RESOLVED || c.status() == ConversationStatus.CLOSED;
            Instant at = settled && c.resolvedAt() != null ? c.resolvedAt() : markTime;
            if (at.isBefore(replay.since)) {
                at = replay.since;
            }
            Mark mark = new Mark(at, c.status());
            replay.mark(mark.status(), mark.at());
            newMark = Optional.of(mark);
        }

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
        return new Result(facts, newMark);
    }

    private static boolean settled(ConversationStatus status) {
        return status == ConversationStatus.RESOLVED || status == ConversationStatus.CLOSED;
    }

    private static final class Replay {
        final BusinessHours hours;
        ConversationStatus status = ConversationStatus.OPEN;
        Instant since;
        Duration openBusiness = Duration.ZERO;
        int reopens;
        Instant waitingSince;
        Instant firstInbound;
        Instant firstResponse;
        final List<Response> responses = new ArrayList<>();

        Replay(Instant createdAt, BusinessHours hours) {
            this.since = createdAt;
            this.hours = hours;
        }

        void message(MessageView m) {
            Instant at = m.occurredAt();
            if (m.direction() == Direction.INBOUND) {
                if (firstInbound == null) {
                    firstInbound = at;
                }
                if (waitingSince == null) {
                    waitingSince = at;
                }
                if (status != ConversationStatus.OPEN && status != ConversationStatus.CLOSED) {
                    move(ConversationStatus.OPEN, at);
                }
            } else {
                if (waitingSince != null) {
                    boolean first = firstResponse == null;
                    if (first) {
                        firstResponse = at;
                    }
                    responses.add(new Response(m.id(), at, m.authorAgentId(), first,
                            Duration.between(waitingSince, at).toSeconds(), hours.between(waitingSince, at).toSeconds()));
                    waitingSince = null;
                }
                if (status == ConversationStatus.OPEN) {
                    move(ConversationStatus.PENDING, at);
                }
            }
        }

        void mark(ConversationStatus next, Instant at) {
            move(next, at);
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
