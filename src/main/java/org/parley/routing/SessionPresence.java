package org.parley.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import org.parley.routing.RoutingEnums.Presence;
import org.parley.security.SignedInSessions;
import org.parley.team.Agent;
import org.parley.team.TeamDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.session.SessionDestroyedEvent;
import org.springframework.stereotype.Service;

/**
 * Presence follows the agent's sessions: ONLINE at sign-in, AWAY after {@code parley.presence.away-after}
 * without activity in any of their browser tabs (and ONLINE again at the next one), OFFLINE when their last
 * session ends (log out, session timeout, "sign out everywhere"). A presence the agent chose by hand (AWAY or
 * OFFLINE in <i>My presence</i>, the top bar or the API) is kept until they change it or sign in again;
 * only their last session ending overrides it. Activity is tracked per node, in memory: with several nodes
 * use sticky sessions, as for the UI anyway.
 */
@Service
public class SessionPresence {

    private static final Logger log = LoggerFactory.getLogger(SessionPresence.class);

    /** What this node knows about one agent's activity. */
    private static final class Activity {
        volatile Instant lastActive;
        volatile Presence known;
        /** AWAY because idle (activity brings them back), not by choice. */
        volatile boolean idleAway;
        /** The agent chose a presence other than ONLINE by hand. */
        volatile boolean chosen;

        Activity(Instant lastActive) {
            this.lastActive = lastActive;
        }
    }

    private final Assignment assignment;
    private final TeamDirectory team;
    private final SignedInSessions sessions;
    private final PresenceProperties properties;
    private final Clock clock;
    private final Map<UUID, Activity> agents = new ConcurrentHashMap<>();
    private final Set<Consumer<PresenceChanged>> listeners = new CopyOnWriteArraySet<>();
    /** Set while this class changes a presence itself, so that the change does not count as the agent's choice. */
    private final ThreadLocal<Boolean> automatic = ThreadLocal.withInitial(() -> false);

    SessionPresence(Assignment assignment, TeamDirectory team, SignedInSessions sessions, PresenceProperties properties,
            Clock clock) {
        this.assignment = assignment;
        this.team = team;
        this.sessions = sessions;
        this.properties = properties;
        this.clock = clock;
    }

    /** Sessions do not survive a restart: nobody is online until they sign in (or act in a surviving tab). */
    @EventListener(ApplicationReadyEvent.class)
    void resetOnStart() {
        if (!properties.resetOnStart()) {
            return;
        }
        int reset = 0;
        for (Assignment.AgentStatus status : assignment.statuses().values()) {
            if (status.presence() != Presence.OFFLINE && set(status.agentId(), Presence.OFFLINE)) {
                reset++;
            }
        }
        if (reset > 0) {
            log.info("{} agent(s) set offline at start-up: their sessions ended with the previous run", reset);
        }
    }

    /** A password sign-in (the login form): the agent is here. */
    @EventListener
    void signedIn(InteractiveAuthenticationSuccessEvent event) {
        team.findAgentByUsername(event.getAuthentication().getName()).ifPresent(agent -> {
            Activity a = activity(agent.getId());
            a.lastActive = clock.instant();
            a.idleAway = false;
            a.chosen = false;
            set(agent.getId(), Presence.ONLINE);
        });
    }

    /** A session ended (log out, timeout, or an expired one that called again): the last one takes them offline. */
    @EventListener
    void sessionEnded(SessionDestroyedEvent event) {
        for (SecurityContext context : event.getSecurityContexts()) {
            if (context.getAuthentication() == null) {
                continue;
            }
            String username = context.getAuthentication().getName();
            if (sessions.countExcept(username, event.getId()) == 0) {
                offline(username);
            }
        }
    }

    @EventListener
    void signedOutEverywhere(SignedInSessions.SignedOutEverywhere event) {
        offline(event.username());
    }

    /** Keeps track of every presence change; one not made here is the agent's (or a lead's) choice. */
    @EventListener
    void changed(PresenceChanged event) {
        Activity a = activity(event.agentId());
        Presence before = a.known;
        a.known = event.presence();
        if (!automatic.get() && before != event.presence()) {
            a.chosen = event.presence() != Presence.ONLINE;
            a.idleAway = false;
        }
        listeners.forEach(l -> l.accept(event));
    }

    /**
     * The agent did something in a browser tab (the UI reports this at most every few seconds): an agent who
     * went AWAY for being idle is ONLINE again; so is one whose session survived while presence said OFFLINE.
     */
    public void active(UUID agentId) {
        Activity a = activity(agentId);
        a.lastActive = clock.instant();
        Presence known = a.known;
        if (known == null) {
            known = assignment.status(agentId).presence();
            a.known = known;
        }
        if (known != Presence.ONLINE && (a.idleAway || !a.chosen)) {
            a.idleAway = false;
            set(agentId, Presence.ONLINE);
        }
    }

    @Scheduled(fixedDelayString = "${parley.presence.check-every:30s}",
            initialDelayString = "${parley.presence.check-every:30s}")
    void checkIdle() {
        markIdle(clock.instant());
    }

    /**
     * Sets ONLINE agents AWAY whose last activity on this node is older than {@code away-after}.
     *
     * @return how many went away
     */
    int markIdle(Instant now) {
        Duration after = properties.awayAfter();
        if (after == null || after.isZero() || after.isNegative()) {
            return 0;
        }
        int away = 0;
        for (Map.Entry<UUID, Activity> e : agents.entrySet()) {
            Activity a = e.getValue();
            if (a.known == Presence.ONLINE && !a.lastActive.plus(after).isAfter(now)) {
                a.idleAway = true;
                if (set(e.getKey(), Presence.AWAY)) {
                    away++;
                }
            }
        }
        return away;
    }

    /** Told every presence change made on this node (e.g. the top bar's presence menu). */
    public AutoCloseable onChange(Consumer<PresenceChanged> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void offline(String username) {
        team.findAgentByUsername(username).map(Agent::getId).ifPresent(id -> {
            Activity a = activity(id);
            a.idleAway = false;
            a.chosen = false;
            set(id, Presence.OFFLINE);
            agents.remove(id);
        });
    }

    private Activity activity(UUID agentId) {
        return agents.computeIfAbsent(agentId, id -> new Activity(clock.instant()));
    }

    private boolean set(UUID agentId, Presence presence) {
        automatic.set(true);
        try {
            assignment.setPresence(agentId, presence);
            return true;
        } catch (RuntimeException e) {
            // presence must never break a sign-in or a log-out
            log.warn("could not set agent {} {}: {}", agentId, presence, e.toString());
            return false;
        } finally {
            automatic.remove();
        }
    }
}
