package org.parley.realtime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Who has which conversation open, and who is typing a reply in it (for collision warnings). A screen enters with
 * a key of its own and leaves when it closes; typing is a signal that lasts {@link #TYPING_LASTS} after the last
 * keystroke the composer reported.
 *
 * <p>With several nodes each screen's state also travels to the other nodes through the relays (RabbitMQ when
 * configured) as a {@link ScreenPresence}: a node keeps the other nodes' screens it heard of, and forgets one that
 * left, or that was not announced again within {@link #REMOTE_LASTS} (its node is gone). Every node announces its
 * screens again every {@link #ANNOUNCE_EVERY}.
 */
@Service
public class PresenceRegistry {

    private static final Logger log = LoggerFactory.getLogger(PresenceRegistry.class);

    public static final Duration TYPING_LASTS = Duration.ofSeconds(6);
    public static final Duration ANNOUNCE_EVERY = Duration.ofSeconds(30);
    public static final Duration REMOTE_LASTS = ANNOUNCE_EVERY.multipliedBy(3);

    /** One agent's presence in one conversation. */
    public record Presence(UUID agentId, String agentName, boolean typing) {
    }

    /**
     * One screen's state as it travels between nodes: {@code conversationId} null when the screen left.
     *
     * @param screenId a random id of the screen, stable while it is open
     */
    public record ScreenPresence(String node, String screenId, UUID conversationId, UUID agentId, String agentName,
            Instant typingUntil) {

        ScreenPresence withTypingUntil(Instant until) {
            return new ScreenPresence(node, screenId, conversationId, agentId, agentName, until);
        }
    }

    private record Remote(ScreenPresence screen, Instant heardAt) {
    }

    private final String node = UUID.randomUUID().toString();
    private final Map<Object, ScreenPresence> screens = new ConcurrentHashMap<>();
    private final Map<String, Remote> remoteScreens = new ConcurrentHashMap<>();
    private final Set<Consumer<UUID>> listeners = new CopyOnWriteArraySet<>();
    private final Set<Consumer<ScreenPresence>> relays = new CopyOnWriteArraySet<>();

    /** The screen {@code key} shows the conversation (null: none any more). */
    public void enter(Object key, UUID conversationId, UUID agentId, String agentName) {
        ScreenPresence before = screens.get(key);
        ScreenPresence now = null;
        if (conversationId == null) {
            screens.remove(key);
        } else {
            String screenId = before == null ? UUID.randomUUID().toString() : before.screenId();
            now = new ScreenPresence(node, screenId, conversationId, agentId, agentName, Instant.EPOCH);
            screens.put(key, now);
        }
        boolean moved = before == null ? conversationId != null : !before.conversationId().equals(conversationId);
        if (!moved) {
            return;
        }
        if (before != null) {
            changed(before.conversationId());
        }
        if (conversationId != null) {
            changed(conversationId);
        }
        announce(now != null ? now
                : new ScreenPresence(node, before.screenId(), null, before.agentId(), before.agentName(), Instant.EPOCH));
    }

    public void leave(Object key) {
        enter(key, null, null, null);
    }

    /** The agent on screen {@code key} typed (the composer reports this debounced). */
    public void typing(Object key) {
        ScreenPresence e = screens.get(key);
        if (e == null) {
            return;
        }
        Instant now = Instant.now();
        boolean wasTyping = e.typingUntil().isAfter(now);
        ScreenPresence typing = e.withTypingUntil(now.plus(TYPING_LASTS));
        screens.put(key, typing);
        if (!wasTyping) {
            changed(e.conversationId());
            announce(typing);
        }
    }

    /** The agent on screen {@code key} stopped typing (sent, or cleared the text). */
    public void stoppedTyping(Object key) {
        ScreenPresence e = screens.get(key);
        if (e != null && e.typingUntil().isAfter(Instant.now())) {
            ScreenPresence quiet = e.withTypingUntil(Instant.EPOCH);
            screens.put(key, quiet);
            changed(e.conversationId());
            announce(quiet);
        }
    }

    /** The other agents with the conversation open on any node (one entry per agent), by name. */
    public List<Presence> others(UUID conversationId, UUID agentId) {
        Instant now = Instant.now();
        Map<UUID, Presence> byAgent = new HashMap<>();
        List<ScreenPresence> all = new ArrayList<>(screens.values());
        remoteScreens.values().forEach(r -> all.add(r.screen()));
        all.stream().filter(e -> e.conversationId().equals(conversationId) && !e.agentId().equals(agentId))
                .forEach(e -> byAgent.merge(e.agentId(),
                        new Presence(e.agentId(), e.agentName(), e.typingUntil().isAfter(now)),
                        (a, b) -> a.typing() ? a : b));
        return byAgent.values().stream().sorted(Comparator.comparing(Presence::agentName)).toList();
    }

    /** Told the conversation id whenever someone enters, leaves or starts or stops typing there (on any node). */
    public AutoCloseable onChange(Consumer<UUID> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Adds a relay that carries this node's screens to the other nodes. */
    public void addRelay(Consumer<ScreenPresence> relay) {
        relays.add(relay);
        screens.values().forEach(e -> send(relay, e));
    }

    /** A screen of another node entered, left, or started or stopped typing (or was announced again). */
    public void heard(ScreenPresence screen) {
        if (node.equals(screen.node())) {
            return;
        }
        Remote before = screen.conversationId() == null ? remoteScreens.remove(screen.screenId())
                : remoteScreens.put(screen.screenId(), new Remote(screen, Instant.now()));
        boolean sameAsBefore = before != null && screen.conversationId() != null
                && before.screen().conversationId().equals(screen.conversationId())
                && before.screen().typingUntil().equals(screen.typingUntil());
        if (sameAsBefore) {
            return; // announced again: nothing changed
        }
        if (before != null && !before.screen().conversationId().equals(screen.conversationId())) {
            changed(before.screen().conversationId());
        }
        if (screen.conversationId() != null) {
            changed(screen.conversationId());
        }
    }

    /** Announces this node's screens again (so other nodes keep them) and forgets nodes that went quiet. */
    @Scheduled(fixedDelayString = "PT30S", initialDelayString = "PT30S")
    void announceAndExpire() {
        if (!relays.isEmpty()) {
            screens.values().forEach(this::announce);
        }
        Instant expired = Instant.now().minus(REMOTE_LASTS);
        remoteScreens.values().removeIf(r -> {
            if (r.heardAt().isBefore(expired)) {
                changed(r.screen().conversationId());
                return true;
            }
            return false;
        });
    }

    private void announce(ScreenPresence screen) {
        relays.forEach(relay -> send(relay, screen));
    }

    private static void send(Consumer<ScreenPresence> relay, ScreenPresence screen) {
        try {
            relay.accept(screen);
        } catch (RuntimeException e) {
            log.warn("Could not relay the presence of screen {}: {}", screen.screenId(), e.toString());
        }
    }

    private void changed(UUID conversationId) {
        listeners.forEach(l -> l.accept(conversationId));
    }
}
