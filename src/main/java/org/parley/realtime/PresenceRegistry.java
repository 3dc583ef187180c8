package org.parley.realtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;

/**
 * Who has which conversation open, and who is typing a reply in it, on this node (for collision
 * warnings). A screen enters with a key of its own and leaves when it closes; typing is a signal
 * that lasts {@link #TYPING_LASTS} after the last keystroke the composer reported.
 */
@Service
public class PresenceRegistry {

    public static final Duration TYPING_LASTS = Duration.ofSeconds(6);

    /** One agent's presence in one conversation. */
    public record Presence(UUID agentId, String agentName, boolean typing) {
    }

    private record Entry(UUID conversationId, UUID agentId, String agentName, Instant typingUntil) {
    }

    private final Map<Object, Entry> screens = new ConcurrentHashMap<>();
    private final Set<Consumer<UUID>> listeners = new CopyOnWriteArraySet<>();

    /** The screen {@code key} shows the conversation (null: none any more). */
    public void enter(Object key, UUID conversationId, UUID agentId, String agentName) {
        Entry before = conversationId == null ? screens.remove(key)
                : screens.put(key, new Entry(conversationId, agentId, agentName, Instant.EPOCH));
        if (before != null && !before.conversationId().equals(conversationId)) {
            changed(before.conversationId());
        }
        if (conversationId != null && (before == null || !before.conversationId().equals(conversationId))) {
            changed(conversationId);
        }
    }

    public void leave(Object key) {
        enter(key, null, null, null);
    }

    /** The agent on screen {@code key} typed (the composer reports this debounced). */
    public void typing(Object key) {
        Entry e = screens.get(key);
        if (e == null) {
            return;
        }
        Instant now = Instant.now();
        boolean wasTyping = e.typingUntil().isAfter(now);
        screens.put(key, new Entry(e.conversationId(), e.agentId(), e.agentName(), now.plus(TYPING_LASTS)));
        if (!wasTyping) {
            changed(e.conversationId());
        }
    }

    /** The agent on screen {@code key} stopped typing (sent, or cleared the text). */
    public void stoppedTyping(Object key) {
        Entry e = screens.get(key);
        if (e != null && e.typingUntil().isAfter(Instant.now())) {
            screens.put(key, new Entry(e.conversationId(), e.agentId(), e.agentName(), Instant.EPOCH));
            changed(e.conversationId());
        }
    }

    /** The other agents with the conversation open (one entry per agent), by name. */
    public List<Presence> others(UUID conversationId, UUID agentId) {
        Instant now = Instant.now();
        Map<UUID, Presence> byAgent = new ConcurrentHashMap<>();
        screens.values().stream().filter(e -> e.conversationId().equals(conversationId)
                && !e.agentId().equals(agentId)).forEach(e -> byAgent.merge(e.agentId(),
                new Presence(e.agentId(), e.agentName(), e.typingUntil().isAfter(now)),
                (a, b) -> a.typing() ? a : b));
        return byAgent.values().stream().sorted(Comparator.comparing(Presence::agentName)).toList();
    }

    /** Told the conversation id whenever someone enters, leaves or starts or stops typing there. */
    public AutoCloseable onChange(Consumer<UUID> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void changed(UUID conversationId) {
        listeners.forEach(l -> l.accept(conversationId));
    }
}
