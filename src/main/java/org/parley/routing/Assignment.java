package org.parley.routing;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.parley.base.InvalidInputException;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationView;
import org.parley.conversation.InboxQueries;
import org.parley.conversation.Queue;
import org.parley.routing.RoutingEnums.Presence;
import org.parley.routing.RoutingEnums.Strategy;
import org.parley.routing.internal.AgentPresence;
import org.parley.routing.internal.AgentPresenceRepository;
import org.parley.routing.internal.TeamCursor;
import org.parley.routing.internal.TeamCursorRepository;
import org.parley.routing.internal.WaitingConversation;
import org.parley.routing.internal.WaitingConversationRepository;
import org.parley.team.Agent;
import org.parley.team.Team;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.annotation.Value;
import org.parley.base.events.EventSpine;
import org.parley.conversation.ConversationAccess.Viewer;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Picks an agent of a team for a conversation: only agents who are ONLINE and below their capacity
 * (open and pending conversations assigned to them). Without one the conversation waits in the team
 * queue and is assigned when someone comes online or frees up. The team's cursor row is locked while
 * picking, and so are the candidates' presence rows, so two nodes never over-assign an agent.
 */
@Service
@Transactional(readOnly = true)
public class Assignment {

    private final AgentPresenceRepository presence;
    private final TeamCursorRepository cursors;
    private final WaitingConversationRepository waiting;
    private final TeamDirectory team;
    private final InboxQueries inbox;
    private final ConversationService conversations;
    private final Clock clock;
    private final int defaultCapacity;
    private final EventSpine events;
    private final org.springframework.context.ApplicationEventPublisher local;

    Assignment(AgentPresenceRepository presence, TeamCursorRepository cursors, WaitingConversationRepository waiting,
            TeamDirectory team, InboxQueries inbox, ConversationService conversations, Clock clock,
            @Value("${parley.routing.default-capacity:10}") int defaultCapacity, EventSpine events,
            org.springframework.context.ApplicationEventPublisher local) {
        this.local = local;
        this.events = events;
        this.presence = presence;
        this.cursors = cursors;
        this.waiting = waiting;
        this.team = team;
        this.inbox = inbox;
        this.conversations = conversations;
        this.clock = clock;
        this.defaultCapacity = defaultCapacity;
    }

    public record AgentStatus(UUID agentId, Presence presence, int capacity) {
    }

    public AgentStatus status(UUID agentId) {
        return presence.findById(agentId).map(p -> new AgentStatus(agentId, p.presence, p.capacity))
                .orElse(new AgentStatus(agentId, Presence.OFFLINE, defaultCapacity));
    }

    public Map<UUID, AgentStatus> statuses() {
        Map<UUID, AgentStatus> map = new HashMap<>();
        presence.findAll().forEach(p -> map.put(p.getAgentId(), new AgentStatus(p.getAgentId(), p.presence, p.capacity)));
        return map;
    }

    /** Sets an agent's presence; coming ONLINE drains the queues of the agent's teams. */
    @Transactional
    public AgentStatus setPresence(UUID agentId, Presence value) {
        if (value == null) {
            throw new InvalidInputException("presence is required (ONLINE, AWAY, OFFLINE)");
        }
        AgentPresence p = row(agentId);
        p.presence = value;
        p.changedAt = clock.instant();
        presence.saveAndFlush(p);
        presenceChanged(new PresenceChanged(agentId, p.presence, p.capacity, p.changedAt));
        if (value == Presence.ONLINE) {
            drainForAgent(agentId);
        }
        return new AgentStatus(agentId, p.presence, p.capacity);
    }

    @Transactional
    public AgentStatus setCapacity(UUID agentId, int capacity) {
        if (capacity < 0 || capacity > 1000) {
            throw new InvalidInputException("capacity must be between 0 and 1000");
        }
        AgentPresence p = row(agentId);
        p.capacity = capacity;
        p.changedAt = clock.instant();
        presence.saveAndFlush(p);
        presenceChanged(new PresenceChanged(agentId, p.presence, p.capacity, p.changedAt));
        drainForAgent(agentId);
        return new AgentStatus(agentId, p.presence, p.capacity);
    }

    /**
     * On the spine for the other modules (the wallboard), and at once, in this transaction, to the routing
     * module's own session presence, which must know the current presence before the next sign-in or idle check.
     */
    private void presenceChanged(PresenceChanged event) {
        events.publish(event);
        local.publishEvent(event);
    }

    private AgentPresence row(UUID agentId) {
        Agent agent = team.findAgent(agentId).orElseThrow(() -> new InvalidInputException("unknown agent " + agentId));
        return presence.findById(agent.getId())
                .orElseGet(() -> new AgentPresence(agent.getId(), Presence.OFFLINE, defaultCapacity, clock.instant()));
    }

    /**
     * Assigns the conversation to an agent of the team by the strategy, or puts it in the team queue.
     *
     * @return the agent, or empty when the conversation waits
     */
    @Transactional
    public Optional<Agent> assign(UUID conversationId, UUID teamId, Strategy strategy) {
        Optional<Agent> picked = pick(conversationId, teamId, strategy);
        if (picked.isPresent()) {
            waiting.findById(conversationId).ifPresent(waiting::delete);
            conversations.assign(Viewer.ROUTING, conversationId, picked.get().getId());
        } else if (!waiting.existsById(conversationId)) {
            waiting.save(new WaitingConversation(conversationId, teamId, strategy, clock.instant()));
        }
        return picked;
    }

    /**
     * Assigns waiting conversations of the teams while agents have room, oldest first.
     *
     * @return how many were assigned
     */
    @Transactional
    public int drain(List<UUID> teamIds) {
        if (teamIds.isEmpty()) {
            return 0;
        }
        int assigned = 0;
        for (WaitingConversation w : waiting.findByTeamIdInOrderBySince(teamIds, Limit.of(500))) {
            Optional<ConversationView> c = conversations.find(Viewer.ROUTING, w.getConversationId());
            if (c.isEmpty() || !c.get().status().isActive() || c.get().assigneeId() != null
                    || !w.teamId.equals(c.get().teamId())) {
                waiting.delete(w); // settled, taken by hand or moved elsewhere meanwhile
                continue;
            }
            if (c.get().snoozed()) {
                continue; // waits until it wakes
            }
            Optional<Agent> agent = pick(w.getConversationId(), w.teamId, w.strategy);
            if (agent.isEmpty()) {
                continue;
            }
            waiting.delete(w);
            conversations.assign(Viewer.ROUTING, w.getConversationId(), agent.get().getId());
            assigned++;
        }
        return assigned;
    }

    /** Drains the queues of every team the agent works in. */
    @Transactional
    public int drainForAgent(UUID agentId) {
        return drain(team.teamsOf(agentId).stream().map(Team::getId).toList());
    }

    public boolean isWaiting(UUID conversationId) {
        return waiting.existsById(conversationId);
    }

    public long waitingCount(UUID teamId) {
        return waiting.countByTeamId(teamId);
    }

    private Optional<Agent> pick(UUID conversationId, UUID teamId, Strategy strategy) {
        Team t = team.findTeam(teamId).orElseThrow(() -> new InvalidInputException("unknown team " + teamId));
        TeamCursor cursor = lockCursor(teamId);
        List<UUID> members = t.getMemberIds().stream().sorted().toList();
        if (members.isEmpty()) {
            return Optional.empty();
        }
        Map<UUID, AgentPresence> rows = new HashMap<>();
        presence.lockAll(members).forEach(p -> rows.put(p.getAgentId(), p));
        Map<UUID, Agent> agents = new HashMap<>();
        List<UUID> candidates = new ArrayList<>();
        Map<UUID, Long> open = new HashMap<>();
        for (UUID id : members) {
            AgentPresence p = rows.get(id);
            Optional<Agent> agent = team.findAgent(id);
            if (p == null || p.presence != Presence.ONLINE || agent.isEmpty() || !agent.get().isActive()) {
                continue;
            }
            long count = inbox.wholeQueueCount(Viewer.ROUTING, Queue.MINE, id);
            if (count < p.capacity) {
                candidates.add(id);
                agents.put(id, agent.get());
                open.put(id, count);
            }
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        UUID chosen = switch (strategy) {
            case ROUND_ROBIN -> nextAfter(candidates, cursor.lastAgentId);
            case LEAST_OPEN -> {
                UUID after = nextAfter(candidates, cursor.lastAgentId);
                int start = candidates.indexOf(after);
                UUID best = null;
                for (int i = 0; i < candidates.size(); i++) {
                    UUID id = candidates.get((start + i) % candidates.size());
                    if (best == null || open.get(id) < open.get(best)) {
                        best = id;
                    }
                }
                yield best;
            }
            case STICKY -> sticky(conversationId, candidates).orElseGet(() -> nextAfter(candidates, cursor.lastAgentId));
        };
        cursor.lastAgentId = chosen;
        return Optional.of(agents.get(chosen));
    }

    /** The agent who last handled another conversation of the same customer, if among the candidates. */
    private Optional<UUID> sticky(UUID conversationId, List<UUID> candidates) {
        ConversationView c = conversations.get(Viewer.ROUTING, conversationId);
        return conversations.conversationsOf(Viewer.ROUTING, c.customerId()).stream()
                .filter(other -> !other.id().equals(conversationId) && other.assigneeId() != null)
                .max(Comparator.comparing(ConversationView::lastActivityAt))
                .map(ConversationView::assigneeId)
                .filter(candidates::contains);
    }

    private static UUID nextAfter(List<UUID> sortedCandidates, UUID last) {
        if (last == null) {
            return sortedCandidates.getFirst();
        }
        return sortedCandidates.stream().filter(id -> id.compareTo(last) > 0).findFirst()
                .orElse(sortedCandidates.getFirst());
    }

    private TeamCursor lockCursor(UUID teamId) {
        Optional<TeamCursor> locked = cursors.lock(teamId);
        if (locked.isPresent()) {
            return locked.get();
        }
        try {
            cursors.saveAndFlush(new TeamCursor(teamId));
        } catch (DataIntegrityViolationException raced) {
            // another node created it first; lock theirs
        }
        return cursors.lock(teamId).orElseThrow();
    }
}
