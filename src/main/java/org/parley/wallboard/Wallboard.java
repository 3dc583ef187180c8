package org.parley.wallboard;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.parley.base.events.CommittedEventsListener;
import org.parley.base.events.DomainEvent;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.realtime.LiveBus;
import org.parley.routing.PresenceChanged;
import org.parley.team.Agent;
import org.parley.team.Role;
import org.parley.team.Team;
import org.parley.team.TeamDirectory;
import org.parley.wallboard.internal.Desk;
import org.parley.wallboard.internal.DeskQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * The wallboard's numbers and their live feed. Every conversation event (this node's and, through
 * the {@link LiveBus}, other nodes'), SLA escalation and presence change only marks the desk dirty;
 * one background thread per node recomputes it at most once per {@code parley.wallboard.refresh-interval}
 * (1 s) while boards are open — so a burst of a thousand messages costs one recomputation — and pushes
 * each open board its scope's numbers. Between changes the same thread ticks every board once per
 * interval (ages move on) and reads the desk again every {@code parley.wallboard.resync-interval}, which
 * also picks up presence changes made on other nodes. Who sees which teams is decided here
 * ({@link #scopeOf}), for the view and the API alike.
 */
@Service
public class Wallboard implements CommittedEventsListener {

    private static final Logger log = LoggerFactory.getLogger(Wallboard.class);

    /** Receives a board's numbers: {@code changed} false means only time moved on (ages tick). */
    @FunctionalInterface
    public interface Listener {
        void update(WallboardSnapshot board, boolean changed);
    }

    private final DeskQueries queries;
    private final TeamDirectory team;
    private final Duration refreshInterval;
    private final Duration resyncInterval;
    private final AtomicBoolean dirty = new AtomicBoolean(true);
    private final Set<Subscription> subscriptions = new CopyOnWriteArraySet<>();
    private final LiveBus.Subscription busSubscription;
    private final org.parley.base.PeriodicRound ticking;
    private volatile Desk desk;
    private volatile long deskVersion;
    private volatile long readAtNanos;

    Wallboard(DeskQueries queries, TeamDirectory team, LiveBus bus,
            @org.springframework.beans.factory.annotation.Qualifier("parleyScheduler")
            org.springframework.scheduling.TaskScheduler scheduler,
            @Value("${parley.wallboard.refresh-interval:1s}") Duration refreshInterval,
            @Value("${parley.wallboard.resync-interval:15s}") Duration resyncInterval) {
        if (refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new IllegalArgumentException("parley.wallboard.refresh-interval must be positive");
        }
        this.queries = queries;
        this.team = team;
        this.refreshInterval = refreshInterval;
        this.resyncInterval = resyncInterval;
        this.busSubscription = bus.subscribe(new Viewer(null, true, Set.of()), event -> dirty.set(true));
        this.ticking = new org.parley.base.PeriodicRound("wallboard", scheduler, this::tick);
        this.ticking.start(refreshInterval);
    }

    @PreDestroy
    void stop() {
        busSubscription.close();
        ticking.stop();
    }

    /** Presence is not on the live bus: the spine tells the board of committed presence changes. */
    @Override
    public void committed(List<DomainEvent> events) {
        if (events.stream().anyMatch(PresenceChanged.class::isInstance)) {
            dirty.set(true);
        }
    }

    /**
     * The teams the agent's wallboard shows: all for SUPERVISOR and ADMIN, the teams a LEAD leads.
     *
     * @throws AccessDeniedException for anyone else
     */
    public WallboardScope scopeOf(Agent agent) {
        if (agent.hasRole(Role.SUPERVISOR) || agent.hasRole(Role.ADMIN)) {
            return WallboardScope.ALL;
        }
        if (agent.hasRole(Role.LEAD)) {
            return WallboardScope.of(team.teamsOf(agent.getId()).stream()
                    .filter(t -> t.getLeadIds().contains(agent.getId())).map(Team::getId).collect(Collectors.toSet()));
        }
        throw new AccessDeniedException("the wallboard is for team leads, supervisors and admins");
    }

    /** The agent's board, read now unless the last reading is recent and nothing changed since. */
    public WallboardSnapshot boardFor(Agent agent) {
        return board(scopeOf(agent));
    }

    public WallboardSnapshot board(WallboardScope scope) {
        return build(freshDesk(), scope);
    }

    /** Pushes the scope's board to the listener after each change and once per interval; close to stop. */
    public Subscription subscribe(WallboardScope scope, Listener listener) {
        Subscription s = new Subscription(scope, listener);
        subscriptions.add(s);
        return s;
    }

    public int subscriptionCount() {
        return subscriptions.size();
    }

    private synchronized Desk freshDesk() {
        Desk current = desk;
        if (current == null || elapsedSinceRead().compareTo(resyncInterval) >= 0
                || (dirty.get() && elapsedSinceRead().compareTo(refreshInterval) >= 0)) {
            return read();
        }
        return current;
    }

    private synchronized Desk read() {
        dirty.set(false); // a change during the reading marks it again: the next tick reads once more
        Desk read = queries.read();
        desk = read;
        readAtNanos = System.nanoTime();
        deskVersion++;
        return read;
    }

    private Duration elapsedSinceRead() {
        return Duration.ofNanos(System.nanoTime() - readAtNanos);
    }

    private void tick() {
        if (subscriptions.isEmpty()) {
            return;
        }
        try {
            Desk current;
            synchronized (this) {
                current = desk == null || dirty.get() || elapsedSinceRead().compareTo(resyncInterval) >= 0 ? read() : desk;
            }
            long version = deskVersion;
            Map<WallboardScope, WallboardSnapshot> boards = new HashMap<>();
            for (Subscription s : subscriptions) {
                WallboardSnapshot board = boards.computeIfAbsent(s.scope, scope -> build(current, scope));
                boolean changed = s.pushedVersion != version;
                s.pushedVersion = version;
                try {
                    s.listener.update(board, changed);
                } catch (RuntimeException e) {
                    log.warn("A wallboard listener failed: {}", e.toString());
                }
            }
        } catch (RuntimeException e) {
            dirty.set(true);
            log.warn("Could not read the wallboard numbers: {}", e.toString());
        }
    }

    /** The board of a scope from the raw desk figures: no query. */
    static WallboardSnapshot build(Desk desk, WallboardScope scope) {
        List<Tiles> rows = new ArrayList<>();
        desk.teams().forEach((id, name) -> {
            if (scope.all() || scope.teamIds().contains(id)) {
                rows.add(tiles(desk, id, name));
            }
        });
        if (scope.all() && (desk.queues().containsKey(null) || desk.sla().containsKey(null))) {
            rows.add(tiles(desk, null, "No team"));
        }
        long depth = 0;
        long unassigned = 0;
        long atRisk = 0;
        long breached = 0;
        Instant oldest = null;
        for (Tiles t : rows) {
            depth += t.depth();
            unassigned += t.unassigned();
            atRisk += t.atRisk();
            breached += t.breached();
            oldest = earlier(oldest, t.oldestWaitingSince());
        }
        long[] presence = new long[3];
        for (Desk.AgentRow a : desk.agents()) {
            if (scope.all() || a.teamIds().stream().anyMatch(scope.teamIds()::contains)) {
                presence[slot(a.presence())]++;
            }
        }
        Tiles totals = new Tiles(null, "Total", depth, unassigned, oldest, presence[0], presence[1], presence[2],
                atRisk, breached);
        return new WallboardSnapshot(desk.computedAt(), List.copyOf(rows), totals);
    }

    private static Tiles tiles(Desk desk, UUID teamId, String name) {
        Desk.Queue q = desk.queues().getOrDefault(teamId, new Desk.Queue(0, 0, null));
        Desk.Sla sla = desk.sla().getOrDefault(teamId, new Desk.Sla(0, 0));
        long[] presence = new long[3];
        for (Desk.AgentRow a : desk.agents()) {
            if (teamId == null ? a.teamIds().isEmpty() : a.teamIds().contains(teamId)) {
                presence[slot(a.presence())]++;
            }
        }
        return new Tiles(teamId, name, q.depth(), q.unassigned(), q.oldestWaitingSince(), presence[0], presence[1],
                presence[2], sla.atRisk(), sla.breached());
    }

    private static int slot(String presence) {
        return switch (presence) {
            case "ONLINE" -> 0;
            case "AWAY" -> 1;
            default -> 2;
        };
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    /** An open feed of one board; {@link #close()} ends it. */
    public final class Subscription implements AutoCloseable {

        private final WallboardScope scope;
        private final Listener listener;
        private volatile long pushedVersion = -1;

        private Subscription(WallboardScope scope, Listener listener) {
            this.scope = scope;
            this.listener = listener;
        }

        @Override
        public void close() {
            subscriptions.remove(this);
        }
    }
}
