package org.parley.sla;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.parley.audit.AuditTrail;
import org.parley.base.InvalidInputException;
import org.parley.base.NotFoundException;
import org.parley.conversation.ConversationAccess;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationStatus;
import org.parley.conversation.ConversationView;
import org.parley.conversation.Priority;
import org.parley.sla.SlaAdministration.CompiledPolicy;
import org.parley.sla.internal.SlaClock;
import org.parley.sla.internal.SlaClockRepository;
import org.parley.sla.internal.SlaEscalation;
import org.parley.sla.internal.SlaEscalationRepository;
import org.parley.team.Agent;
import org.parley.team.Role;
import org.parley.team.Team;
import org.parley.team.TeamDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.parley.base.events.EventSpine;
import org.parley.conversation.ConversationAccess.Viewer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * SLA clocks of conversations. Due times are recomputed on every change of the conversation; the
 * sweep ({@link #sweep(Viewer, int)}) raises escalations whose time has come, each exactly once (the clock
 * row is locked while it is worked on, and {@code sla_escalation} has a unique key per
 * conversation, target, target cycle and level).
 */
@Service
@Transactional(readOnly = true)
public class SlaClocks {

    private static final Logger log = LoggerFactory.getLogger(SlaClocks.class);
    static final String AUTHOR = "SLA";
    private static final Set<ConversationStatus> ACTIVE = EnumSet.of(ConversationStatus.OPEN, ConversationStatus.PENDING);

    private final SlaClockRepository clocks;
    private final SlaEscalationRepository escalations;
    private final SlaAdministration admin;
    private final ConversationService conversations;
    private final TeamDirectory team;
    private final EventSpine events;
    private final Clock clock;
    private final SweepQueries sweepQueries;
    private final AuditTrail audit;
    private final ConversationAccess access;

    SlaClocks(SlaClockRepository clocks, SlaEscalationRepository escalations, SlaAdministration admin,
            ConversationService conversations, TeamDirectory team, EventSpine events, Clock clock,
            SweepQueries sweepQueries, AuditTrail audit, ConversationAccess access) {
        this.audit = audit;
        this.access = access;
        this.clocks = clocks;
        this.escalations = escalations;
        this.admin = admin;
        this.conversations = conversations;
        this.team = team;
        this.events = events;
        this.clock = clock;
        this.sweepQueries = sweepQueries;
    }

    /**
     * Puts a conversation under an SLA policy (replacing its previous one) and computes its due times. A
     * conversation the viewer may not see is "not found"; routing passes {@link Viewer#ROUTING}.
     */
    @Transactional
    public SlaState applyPolicy(Viewer viewer, UUID conversationId, UUID policyId) {
        conversations.get(viewer, conversationId); // 404 for a conversation the viewer may not see
        CompiledPolicy policy = admin.compiledPolicy(policyId)
                .orElseThrow(() -> new InvalidInputException("unknown SLA policy " + policyId));
        ConversationView c = conversations.get(Viewer.SLA, conversationId);
        SlaClock sla = clocks.lock(conversationId).orElseGet(() -> {
            SlaClock fresh = new SlaClock(conversationId);
            fresh.firstResponseStartedAt = c.createdAt();
            fresh.resolutionRunningSince = resolutionRuns(c) ? c.createdAt() : null;
            if (c.firstResponseAt() != null && c.lastCustomerMessageAt() != null
                    && c.lastCustomerMessageAt().isAfter(c.firstResponseAt())) {
                fresh.nextResponseStartedAt = c.lastCustomerMessageAt();
            }
            return fresh;
        });
        sla.policyId = policy.id();
        recompute(sla, c, policy, clock.instant());
        clocks.save(sla);
        return state(Viewer.SLA, conversationId).orElseThrow();
    }

    /** What moves a conversation's SLA clock: a customer's message at a time, an agent's reply, any other change. */
    public record ClockStep(UUID conversationId, Kind kind, Instant at) {

        public enum Kind { CUSTOMER_MESSAGE, REPLIED, CHANGED }

        public static ClockStep customerMessage(UUID conversationId, Instant at) {
            return new ClockStep(conversationId, Kind.CUSTOMER_MESSAGE, at);
        }

        public static ClockStep replied(UUID conversationId) {
            return new ClockStep(conversationId, Kind.REPLIED, null);
        }

        public static ClockStep changed(UUID conversationId) {
            return new ClockStep(conversationId, Kind.CHANGED, null);
        }
    }

    /**
     * A customer's message arrived: a reply after an answer starts the next-response clock. Parley's own work
     * (the SLA subscriber) only. Public because Spring's transaction proxy advises public methods only: a
     * package-private method here ran without a transaction and its row lock failed.
     */
    @Transactional
    public void customerMessage(Viewer viewer, UUID conversationId, Instant at) {
        follow(viewer, List.of(ClockStep.customerMessage(conversationId, at)));
    }

    /** The conversation changed or an agent replied; a reply stops the next-response clock. Parley's own work only. */
    @Transactional
    public void conversationChanged(Viewer viewer, UUID conversationId, boolean replied) {
        follow(viewer, List.of(replied ? ClockStep.replied(conversationId) : ClockStep.changed(conversationId)));
    }

    /**
     * Moves the clocks of a batch of steps, in order: the clocks of all their conversations locked in one query
     * (in id order, so two batches never wait on each other crosswise) and the conversations read in one, instead
     * of both once per step. A conversation without a clock, or gone, is left alone. Parley's own work only.
     */
    @Transactional
    public void follow(Viewer viewer, List<ClockStep> steps) {
        viewer.requireParley("move SLA clocks");
        if (steps.isEmpty()) {
            return;
        }
        Set<UUID> ids = new java.util.TreeSet<>();
        steps.forEach(step -> ids.add(step.conversationId()));
        Map<UUID, SlaClock> locked = new java.util.HashMap<>();
        clocks.lockAll(ids).forEach(sla -> locked.put(sla.getConversationId(), sla));
        if (locked.isEmpty()) {
            return;
        }
        Map<UUID, ConversationView> read = new java.util.HashMap<>();
        conversations.findAll(Viewer.SLA, locked.keySet()).forEach(c -> read.put(c.id(), c));
        for (ClockStep step : steps) {
            SlaClock sla = locked.get(step.conversationId());
            ConversationView c = read.get(step.conversationId());
            if (sla == null || c == null) {
                continue;
            }
            switch (step.kind()) {
                case CUSTOMER_MESSAGE -> {
                    if (c.firstResponseAt() != null && sla.nextResponseStartedAt == null
                            && (sla.lastReplyAt == null || step.at().isAfter(sla.lastReplyAt))) {
                        sla.nextResponseStartedAt = step.at();
                    }
                }
                case REPLIED -> {
                    Instant repliedAt = c.lastActivityAt();
                    if (sla.lastReplyAt == null || repliedAt.isAfter(sla.lastReplyAt)) {
                        sla.lastReplyAt = repliedAt;
                    }
                    if (sla.nextResponseStartedAt != null && !repliedAt.isBefore(sla.nextResponseStartedAt)) {
                        sla.nextResponseStartedAt = null;
                    }
                }
                case CHANGED -> {
                }
            }
            refresh(sla, c);
        }
    }

    private void refresh(SlaClock sla, ConversationView c) {
        admin.compiledPolicy(sla.policyId).ifPresent(policy -> recompute(sla, c, policy, clock.instant()));
    }

    /** Recomputes due times, the escalation level and the next check from the conversation's state. */
    void recompute(SlaClock sla, ConversationView c, CompiledPolicy policy, Instant now) {
        BusinessHours hours = policy.hours();
        sla.priority = c.priority();
        sla.status = c.status();
        sla.teamId = c.teamId();
        sla.assigneeId = c.assigneeId();
        sla.firstResponseMetAt = c.firstResponseAt();
        if (resolutionRuns(c)) {
            if (sla.resolutionRunningSince == null) {
                sla.resolutionRunningSince = now;
            }
        } else if (sla.resolutionRunningSince != null) {
            sla.resolutionElapsedSeconds += hours.between(sla.resolutionRunningSince, now).toSeconds();
            sla.resolutionRunningSince = null;
        }
        if (!ACTIVE.contains(c.status())) {
            sla.nextResponseStartedAt = null;
        }
        sla.firstResponseDueAt = threshold(sla, policy, SlaTarget.FIRST_RESPONSE, 100, true);
        sla.nextResponseDueAt = threshold(sla, policy, SlaTarget.NEXT_RESPONSE, 100, true);
        sla.resolutionDueAt = threshold(sla, policy, SlaTarget.RESOLUTION, 100, true);
        Set<String> fired = escalations.findByConversationIdOrderByRaisedAt(sla.getConversationId()).stream()
                .map(e -> key(e.target, e.level, e.targetStartedAt)).collect(Collectors.toSet());
        Instant next = null;
        EscalationLevel level = null;
        for (SlaTarget target : SlaTarget.values()) {
            Instant started = startOf(sla, target);
            for (EscalationLevel l : EscalationLevel.values()) {
                Instant at = threshold(sla, policy, target, percent(policy, l), false);
                if (at == null) {
                    continue;
                }
                if (fired.contains(key(target, l, started))) {
                    level = level == null || l.compareTo(level) > 0 ? l : level;
                } else if (next == null || at.isBefore(next)) {
                    next = at;
                }
            }
        }
        sla.escalationLevel = level;
        sla.nextCheckAt = next;
        sla.updatedAt = now;
    }

    /**
     * The resolution clock runs while the conversation is OPEN and awake: it pauses while PENDING (waiting on the
     * customer) and, the same way, while snoozed; business time used so far is kept.
     */
    private static boolean resolutionRuns(ConversationView c) {
        return c.status() == ConversationStatus.OPEN && !c.snoozed();
    }

    /**
     * When {@code percent} of a target's time is used up, or null when the target is not running.
     * With {@code forDisplay} a met or paused target still shows nothing either.
     */
    private static Instant threshold(SlaClock sla, CompiledPolicy policy, SlaTarget target, int percent,
            boolean forDisplay) {
        if (!ACTIVE.contains(sla.status)) {
            return null;
        }
        PolicySpec.Minutes minutes = policy.spec().minutesByPriority().get(sla.priority);
        Integer m = minutes == null ? null : minutes.of(target);
        if (m == null) {
            return null;
        }
        Duration share = Duration.ofSeconds(m * 60L * percent / 100);
        BusinessHours hours = policy.hours();
        return switch (target) {
            case FIRST_RESPONSE -> sla.firstResponseMetAt != null ? null : hours.plus(sla.firstResponseStartedAt, share);
            case NEXT_RESPONSE -> sla.nextResponseStartedAt == null ? null : hours.plus(sla.nextResponseStartedAt, share);
            case RESOLUTION -> sla.resolutionRunningSince == null ? null
                    : hours.plus(sla.resolutionRunningSince, share.minusSeconds(sla.resolutionElapsedSeconds));
        };
    }

    private static Instant startOf(SlaClock sla, SlaTarget target) {
        return switch (target) {
            case FIRST_RESPONSE, RESOLUTION -> sla.firstResponseStartedAt;
            case NEXT_RESPONSE -> sla.nextResponseStartedAt;
        };
    }

    private static int percent(CompiledPolicy policy, EscalationLevel level) {
        return switch (level) {
            case WARNING -> policy.spec().warnAtPercent();
            case BREACH -> 100;
            case SECOND_LEVEL -> policy.spec().secondLevelPercent();
        };
    }

    private static String key(SlaTarget target, EscalationLevel level, Instant started) {
        return target + "/" + level + "/" + (started == null ? "" : started.toEpochMilli());
    }

    /**
     * Raises the escalations that are due on up to {@code limit} clocks (rows locked with
     * {@code FOR UPDATE SKIP LOCKED}, so several nodes share the work without overlap).
     *
     * Only Parley's own work sweeps (the SLA job passes {@link Viewer#SLA}; an agent's viewer is refused).
     *
     * @return the number of escalations raised
     */
    @Transactional
    public int sweep(Viewer viewer, int limit) {
        viewer.requireParley("sweep SLA clocks");
        Instant now = clock.instant();
        int raised = 0;
        for (UUID id : sweepQueries.lockDue(now, limit)) {
            SlaClock sla = clocks.findById(id).orElse(null);
            if (sla == null) {
                continue;
            }
            raised += escalate(sla, now);
        }
        return raised;
    }

    private int escalate(SlaClock sla, Instant now) {
        CompiledPolicy policy = admin.compiledPolicy(sla.policyId).orElse(null);
        Optional<ConversationView> found = conversations.find(Viewer.SLA, sla.getConversationId());
        if (policy == null || found.isEmpty()) {
            sla.nextCheckAt = null;
            return 0;
        }
        ConversationView c = found.get();
        recompute(sla, c, policy, now);
        Set<String> fired = escalations.findByConversationIdOrderByRaisedAt(sla.getConversationId()).stream()
                .map(e -> key(e.target, e.level, e.targetStartedAt)).collect(Collectors.toCollection(HashSet::new));
        int raised = 0;
        boolean breached = false;
        for (SlaTarget target : SlaTarget.values()) {
            Instant started = startOf(sla, target);
            for (EscalationLevel level : EscalationLevel.values()) {
                Instant at = threshold(sla, policy, target, percent(policy, level), false);
                if (at == null || at.isAfter(now) || !fired.add(key(target, level, started))) {
                    continue;
                }
                SlaEscalation e = new SlaEscalation(sla.getConversationId(), sla.teamId, target, level, started, at, now);
                List<UUID> notify = notifyList(level, sla);
                e.notified = notify.stream().map(UUID::toString).collect(Collectors.joining(","));
                escalations.save(e);
                raised++;
                breached |= level == EscalationLevel.BREACH;
                conversations.addSystemNote(Viewer.SLA, sla.getConversationId(), AUTHOR, describe(target, level, at, policy), now);
                events.publish(new EscalationRaised(e.getId(), sla.getConversationId(), sla.teamId, level,
                        target, notify, at, now));
                log.info("SLA {} {} of conversation {} (due {})", target, level, sla.getConversationId(), at);
            }
        }
        escalations.flush();
        if (breached && c.priority() != Priority.URGENT) {
            Priority raisedTo = Priority.values()[c.priority().ordinal() + 1];
            c = conversations.setPriority(Viewer.SLA, sla.getConversationId(), raisedTo);
        }
        recompute(sla, c, policy, now);
        return raised;
    }

    private static String describe(SlaTarget target, EscalationLevel level, Instant at, CompiledPolicy policy) {
        String what = switch (target) {
            case FIRST_RESPONSE -> "first response";
            case NEXT_RESPONSE -> "next response";
            case RESOLUTION -> "resolution";
        };
        String how = switch (level) {
            case WARNING -> "is at " + policy.spec().warnAtPercent() + " % of its target";
            case BREACH -> "breached its target: moved to the team's escalation queue, priority raised";
            case SECOND_LEVEL -> "is at " + policy.spec().secondLevelPercent() + " % of its target: supervisors notified";
        };
        return "SLA " + what + " " + how + " (policy '" + policy.spec().name() + "', due "
                + at.atZone(policy.hours().zone()).toLocalDateTime().withNano(0) + " " + policy.hours().zone() + ")";
    }

    private List<UUID> notifyList(EscalationLevel level, SlaClock sla) {
        Set<UUID> ids = new LinkedHashSet<>();
        switch (level) {
            case WARNING -> {
                if (sla.assigneeId != null) {
                    ids.add(sla.assigneeId);
                }
            }
            case BREACH -> {
                if (sla.assigneeId != null) {
                    ids.add(sla.assigneeId);
                }
                if (sla.teamId != null) {
                    team.findTeam(sla.teamId).map(Team::getLeadIds).ifPresent(ids::addAll);
                }
            }
            case SECOND_LEVEL -> team.activeAgents().stream().filter(a -> a.hasRole(Role.SUPERVISOR))
                    .map(Agent::getId).forEach(ids::add);
        }
        return List.copyOf(ids);
    }

    /**
     * The SLA state of a conversation, if it runs under a policy and the viewer may see the conversation (empty
     * for a hidden one, exactly as for one without a policy).
     */
    public Optional<SlaState> state(Viewer viewer, UUID conversationId) {
        if (!viewer.seesAll() && conversations.find(viewer, conversationId).isEmpty()) {
            return Optional.empty();
        }
        return clocks.findById(conversationId).flatMap(sla -> stateOf(sla,
                escalations.findByConversationIdOrderByRaisedAt(conversationId)));
    }

    /**
     * What {@link #state} answers for each of these conversations, for Parley's own work (the report facts of a
     * batch): the clocks in one query and their escalations in another. A conversation without a policy has no
     * entry.
     */
    public Map<UUID, SlaState> states(Viewer viewer, Collection<UUID> conversationIds) {
        viewer.requireParley("read SLA states regardless of who may see the conversations");
        if (conversationIds.isEmpty()) {
            return Map.of();
        }
        List<SlaClock> found = clocks.findAllById(Set.copyOf(conversationIds));
        if (found.isEmpty()) {
            return Map.of();
        }
        Map<UUID, List<SlaEscalation>> escalationsOf = new java.util.HashMap<>();
        for (SlaEscalation e : escalations.findByConversationIdInOrderByRaisedAt(
                found.stream().map(SlaClock::getConversationId).toList())) {
            escalationsOf.computeIfAbsent(e.conversationId, id -> new ArrayList<>()).add(e);
        }
        Map<UUID, SlaState> states = new java.util.HashMap<>();
        for (SlaClock sla : found) {
            stateOf(sla, escalationsOf.getOrDefault(sla.getConversationId(), List.of()))
                    .ifPresent(state -> states.put(sla.getConversationId(), state));
        }
        return states;
    }

    /** The state of a clock with its conversation's escalations, oldest first; empty when its policy is gone. */
    private Optional<SlaState> stateOf(SlaClock sla, List<SlaEscalation> all) {
        return admin.compiledPolicy(sla.policyId).map(policy -> {
            PolicySpec.Minutes minutes = policy.spec().minutesByPriority().get(sla.priority);
            List<SlaState.TargetState> targets = new ArrayList<>();
            for (SlaTarget target : SlaTarget.values()) {
                Integer m = minutes == null ? null : minutes.of(target);
                Instant started = startOf(sla, target);
                Instant due = switch (target) {
                    case FIRST_RESPONSE -> sla.firstResponseDueAt;
                    case NEXT_RESPONSE -> sla.nextResponseDueAt;
                    case RESOLUTION -> sla.resolutionDueAt;
                };
                String status;
                if (!ACTIVE.contains(sla.status)) {
                    status = "STOPPED";
                } else if (target == SlaTarget.FIRST_RESPONSE && sla.firstResponseMetAt != null) {
                    status = "MET";
                } else if (target == SlaTarget.RESOLUTION && sla.resolutionRunningSince == null) {
                    status = "PAUSED";
                } else if (target == SlaTarget.NEXT_RESPONSE && started == null) {
                    status = "NOT_STARTED";
                } else {
                    status = "RUNNING";
                }
                boolean breached = all.stream().anyMatch(e -> e.target == target && e.level == EscalationLevel.BREACH
                        && e.targetStartedAt.equals(started));
                targets.add(new SlaState.TargetState(target.name(), m, started, due,
                        target == SlaTarget.FIRST_RESPONSE ? sla.firstResponseMetAt : null, status, breached));
            }
            List<SlaState.Breach> breaches = all.stream().filter(e -> e.level == EscalationLevel.BREACH)
                    .map(e -> new SlaState.Breach(e.target.name(), e.dueAt, e.raisedAt)).toList();
            List<SlaState.Escalation> list = all.stream().map(e -> new SlaState.Escalation(e.getId(), e.target.name(),
                    e.level.name(), e.dueAt, e.raisedAt, e.acknowledgedBy, e.acknowledgedAt)).toList();
            return new SlaState(sla.policyId, policy.spec().name(), policy.hours().zone().getId(), sla.priority.name(),
                    targets, sla.escalationLevel == null ? null : sla.escalationLevel.name(), breaches, list);
        });
    }

    /**
     * Which of these conversations have breached an SLA target, for all of them at once: those for which
     * {@link #state} answers a state with breaches (the viewer may see the conversation, it runs under a policy
     * and a breach was raised). One query when none did, a few more for those that did.
     */
    public Set<UUID> breached(Viewer viewer, Collection<UUID> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Set.of();
        }
        List<UUID> withBreach = escalations.conversationsWithLevel(Set.copyOf(conversationIds),
                EscalationLevel.BREACH);
        if (withBreach.isEmpty()) {
            return Set.of();
        }
        Set<UUID> visible = viewer.seesAll() ? Set.copyOf(withBreach)
                : conversations.findAll(viewer, withBreach).stream().map(ConversationView::id)
                        .collect(Collectors.toSet());
        Map<UUID, Boolean> compiles = new java.util.HashMap<>();
        Set<UUID> breached = new HashSet<>();
        for (SlaClock sla : clocks.findAllById(visible)) {
            if (compiles.computeIfAbsent(sla.policyId, id -> admin.compiledPolicy(id).isPresent())) {
                breached.add(sla.getConversationId());
            }
        }
        return breached;
    }

    /**
     * The earliest due time of a running target of each of these conversations that the viewer may see and that
     * runs under a policy (others are absent): to order a list by "SLA due first".
     */
    public Map<UUID, Instant> nextDue(Viewer viewer, Collection<UUID> conversationIds) {
        Map<UUID, Instant> due = new java.util.HashMap<>();
        if (conversationIds.isEmpty()) {
            return due;
        }
        for (SlaClock sla : clocks.findAllById(conversationIds)) {
            Instant next = earliest(sla.firstResponseDueAt, sla.nextResponseDueAt, sla.resolutionDueAt);
            if (next != null && access.canSee(viewer, sla.teamId, sla.assigneeId)) {
                due.put(sla.getConversationId(), next);
            }
        }
        return due;
    }

    /** One row of a team lead's escalation queue. */
    public record QueueEntry(UUID conversationId, UUID teamId, UUID assigneeId, String priority,
            EscalationLevel level, Instant nextDueAt, Instant waitingSince, List<UUID> openEscalationIds) {
    }

    /**
     * Breached and at-risk conversations of the given teams (all teams when {@code teamIds} is null) that the
     * viewer may see, sorted by time to breach (the earliest due time of a running target first).
     */
    public List<QueueEntry> escalationQueue(Viewer viewer, Collection<UUID> teamIds) {
        if (teamIds != null && teamIds.isEmpty()) {
            return List.of();
        }
        List<SlaClock> rows = (teamIds == null ? clocks.escalated() : clocks.escalatedOfTeams(teamIds)).stream()
                .filter(sla -> access.canSee(viewer, sla.teamId, sla.assigneeId)).toList();
        Set<UUID> ids = rows.stream().map(SlaClock::getConversationId).collect(Collectors.toSet());
        var open = ids.isEmpty() ? List.<SlaEscalation>of() : escalations.findByConversationIdInAndAcknowledgedAtIsNull(ids);
        return rows.stream().map(sla -> {
            Instant due = earliest(sla.firstResponseDueAt, sla.nextResponseDueAt, sla.resolutionDueAt);
            Instant waiting = sla.nextResponseStartedAt != null ? sla.nextResponseStartedAt
                    : sla.firstResponseMetAt == null ? sla.firstResponseStartedAt : sla.resolutionRunningSince;
            List<UUID> unacknowledged = open.stream().filter(e -> e.conversationId.equals(sla.getConversationId()))
                    .map(SlaEscalation::getId).toList();
            return new QueueEntry(sla.getConversationId(), sla.teamId, sla.assigneeId, sla.priority.name(),
                    sla.escalationLevel, due, waiting, unacknowledged);
        }).sorted(Comparator.comparing(QueueEntry::nextDueAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
    }

    /**
     * The viewer acknowledges an escalation: who and when are recorded, once. An escalation of a conversation
     * the viewer may not see is "not found", exactly like one that does not exist (and is checked before
     * "acknowledged already", which would tell that it exists).
     */
    @Transactional
    public void acknowledge(Viewer viewer, UUID escalationId) {
        SlaEscalation e = escalations.findById(escalationId)
                .filter(found -> conversations.find(viewer, found.conversationId).isPresent())
                .orElseThrow(() -> new NotFoundException("escalation " + escalationId));
        if (viewer.agentId() == null) {
            throw new InvalidInputException("only an agent can acknowledge an escalation");
        }
        if (e.acknowledgedAt != null) {
            throw new InvalidInputException("the escalation was acknowledged already");
        }
        UUID agentId = viewer.agentId();
        e.acknowledgedBy = agentId;
        e.acknowledgedAt = clock.instant();
        String who = team.findAgent(agentId).map(Agent::getDisplayName).orElse("an agent");
        conversations.addSystemNote(Viewer.SLA, e.conversationId, AUTHOR, who + " acknowledged the " + e.level.name().toLowerCase()
                + " of " + e.target.name().toLowerCase().replace('_', ' '), e.acknowledgedAt);
        audit.record("sla.escalation.acknowledged", "conversation", e.conversationId,
                e.level.name().toLowerCase() + " of " + e.target.name().toLowerCase().replace('_', ' '));
    }


    private static Instant earliest(Instant... values) {
        Instant min = null;
        for (Instant v : values) {
            if (v != null && (min == null || v.isBefore(min))) {
                min = v;
            }
        }
        return min;
    }
}
