package org.parley.realtime;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import org.parley.base.events.CommitCounter;
import org.parley.conversation.ConversationAccess;
import org.parley.conversation.ConversationAccess.Viewer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The in-process fan-out of {@link LiveEvent}s: screens and STOMP sessions subscribe with the viewer
 * they stand for and receive only events of conversations that viewer may see
 * ({@link ConversationAccess}). Events of this node also go to the relays (RabbitMQ when configured),
 * and events relayed from other nodes come in through {@link #deliverLocally}.
 */
@Service
public class LiveBus {

    private static final Logger log = LoggerFactory.getLogger(LiveBus.class);

    /** This node's id: events carry it so that a node can drop its own events coming back from the broker. */
    private final String node = UUID.randomUUID().toString();
    private final Set<Subscription> subscriptions = new CopyOnWriteArraySet<>();
    private final Set<Consumer<LiveEvent>> relays = new CopyOnWriteArraySet<>();
    private final Set<Consumer<NotificationView>> notificationRelays = new CopyOnWriteArraySet<>();
    private final ConversationAccess access;
    private final CommitCounter commits;

    LiveBus(ConversationAccess access, CommitCounter commits) {
        this.access = access;
        this.commits = commits;
    }

    public String node() {
        return node;
    }

    /**
     * Receives the events the viewer may see until the returned subscription is closed. The
     * listener runs on the bus's thread: it must hand work off quickly (e.g. {@code UI.access}).
     */
    public Subscription subscribe(Viewer viewer, Consumer<LiveEvent> listener) {
        Subscription subscription = new Subscription(viewer, listener);
        subscriptions.add(subscription);
        return subscription;
    }

    /** Adds a relay that carries this node's events to other nodes. */
    public void addRelay(Consumer<LiveEvent> relay) {
        relays.add(relay);
    }

    /** Adds a relay that carries this node's notifications to other nodes (their bells ring too). */
    public void addNotificationRelay(Consumer<NotificationView> relay) {
        notificationRelays.add(relay);
    }

    /** A notification stored on this node: to the other nodes (this node's screens hear it from the center). */
    public void relay(NotificationView notification) {
        for (Consumer<NotificationView> relay : notificationRelays) {
            try {
                relay.accept(notification);
            } catch (RuntimeException e) {
                log.warn("Could not relay notification {}: {}", notification.id(), e.toString());
            }
        }
    }

    /** An event that happened on this node: to local subscribers and to the other nodes. */
    public void publish(LiveEvent event) {
        deliverLocally(event);
        for (Consumer<LiveEvent> relay : relays) {
            try {
                relay.accept(event);
            } catch (RuntimeException e) {
                log.warn("Could not relay {} of conversation {}: {}", event.type(), event.conversationId(), e.toString());
            }
        }
    }

    /** Delivers an event to this node's subscribers that may see its conversation. */
    public void deliverLocally(LiveEvent event) {
        if (!node.equals(event.node())) {
            // another node's change (this node's own commits advanced it when they committed)
            commits.advance();
        }
        for (Subscription s : subscriptions) {
            if (access.canSee(s.viewer, event.teamId(), event.assigneeId())) {
                try {
                    s.listener.accept(event);
                } catch (RuntimeException e) {
                    log.warn("A live listener failed on {}: {}", event.type(), e.toString());
                }
            }
        }
    }

    /** How many subscriptions are open (screens and STOMP sessions), for tests and metrics. */
    public int subscriptionCount() {
        return subscriptions.size();
    }

    /** An open subscription; {@link #close()} ends it. */
    public final class Subscription implements AutoCloseable {

        private final Viewer viewer;
        private final Consumer<LiveEvent> listener;

        private Subscription(Viewer viewer, Consumer<LiveEvent> listener) {
            this.viewer = viewer;
            this.listener = listener;
        }

        public Viewer viewer() {
            return viewer;
        }

        @Override
        public void close() {
            subscriptions.remove(this);
        }
    }
}
