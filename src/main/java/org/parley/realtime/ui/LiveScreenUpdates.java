package org.parley.realtime.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.spring.annotation.SpringComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.parley.conversation.ConversationAccess;
import org.parley.conversation.ui.extension.ConversationUpdate;
import org.parley.conversation.ui.extension.LiveUpdates;
import org.parley.realtime.LiveBus;
import org.parley.realtime.LiveEvent;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.TaskScheduler;

/**
 * Connects screens to the {@link LiveBus}: a bound component subscribes when attached and
 * unsubscribes when detached (no subscription outlives its screen), and receives the updates it may
 * see through Vaadin push. A screen is pushed to at most once per {@code parley.live.min-push-interval}
 * (default 250 ms, so at most four pushes a second): the first update of a quiet screen goes at once, and
 * what arrives meanwhile joins one batch — a screen that falls behind gets the latest state in one refresh,
 * not a backlog. An update the screen calls urgent (what the agent is looking at) does not wait for that slot: it
 * goes at once, at most once per interval too, and the next regular push settles what it showed from shared state.
 * Pushes run on the scheduler's virtual threads, never on the thread that delivers events to every screen. Regular
 * pushes take turns, at most one per two cores at a time, while urgent ones never wait for them: virtual threads are
 * not time-sliced, so without the turns the open conversation's push queued behind every list screen's refresh of the
 * same change, and a list screen that waits for its turn only collects more to show in one push.
 */
@SpringComponent
class LiveScreenUpdates implements LiveUpdates {

    private final LiveBus bus;
    private final ConversationAccess access;
    private final TaskScheduler scheduler;
    private final long minIntervalNanos;
    private final java.util.concurrent.Semaphore regularTurns =
            new java.util.concurrent.Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors() / 2), true);

    LiveScreenUpdates(LiveBus bus, ConversationAccess access, @Qualifier("parleyScheduler") TaskScheduler scheduler,
            @Value("${parley.live.min-push-interval:250ms}") Duration minInterval) {
        this.bus = bus;
        this.access = access;
        this.scheduler = scheduler;
        this.minIntervalNanos = Math.max(0, minInterval.toNanos());
    }

    @Override
    public void bind(Component component, UUID agentId, Consumer<List<ConversationUpdate>> listener,
            Predicate<ConversationUpdate> urgent) {
        Binding binding = new Binding(agentId, listener, urgent);
        component.addAttachListener(e -> binding.open(e.getUI()));
        component.addDetachListener(e -> binding.close());
        component.getUI().ifPresent(binding::open);
    }

    private static org.parley.conversation.ConversationStatus statusOf(LiveEvent event) {
        try {
            return event.status() == null ? null : org.parley.conversation.ConversationStatus.valueOf(event.status());
        } catch (IllegalArgumentException unknown) {
            return null; // a newer node's status: every list counts as touched
        }
    }

    private final class Binding {

        private final UUID agentId;
        private final Consumer<List<ConversationUpdate>> listener;
        private final Predicate<ConversationUpdate> urgent;
        private final ConcurrentLinkedQueue<ConversationUpdate> pending = new ConcurrentLinkedQueue<>();
        /** A regular push is on its way. */
        private final AtomicBoolean scheduled = new AtomicBoolean();
        /** An urgent push is on its way. */
        private final AtomicBoolean rushing = new AtomicBoolean();
        /** An urgent push went out: the next regular push comes even when nothing arrived meanwhile. */
        private volatile boolean settle;
        private volatile long lastPushNanos = System.nanoTime() - minIntervalNanos;
        private volatile long lastUrgentNanos = System.nanoTime() - minIntervalNanos;
        private LiveBus.Subscription subscription;
        private com.vaadin.flow.shared.Registration navigation;
        private UI ui;

        Binding(UUID agentId, Consumer<List<ConversationUpdate>> listener, Predicate<ConversationUpdate> urgent) {
            this.agentId = agentId;
            this.listener = listener;
            this.urgent = urgent;
        }

        synchronized void open(UI ui) {
            close();
            this.ui = ui;
            subscription = bus.subscribe(access.viewerOf(agentId), this::received);
            // what the agent may see is looked up again on every navigation (a new team membership counts from
            // the next visit, as in the view itself), not only when the screen was first attached
            navigation = ui.addAfterNavigationListener(e -> resubscribe());
        }

        private synchronized void resubscribe() {
            if (subscription != null) {
                subscription.close();
                subscription = bus.subscribe(access.viewerOf(agentId), this::received);
            }
        }

        synchronized void close() {
            if (subscription != null) {
                subscription.close();
                subscription = null;
            }
            if (navigation != null) {
                navigation.remove();
                navigation = null;
            }
            ui = null;
            pending.clear();
            // a push still scheduled for the screen left behind must not hold back the next screen's pushes
            scheduled.set(false);
            rushing.set(false);
            settle = false;
        }

        private void received(LiveEvent event) {
            UI target;
            synchronized (this) {
                target = ui;
            }
            if (target == null) {
                return;
            }
            ConversationUpdate update = new ConversationUpdate(event.conversationId(), event.customerId(),
                    event.change(), event.teamId(), event.assigneeId(), statusOf(event));
            pending.add(update);
            // never pushed on the delivering thread: it serves every screen of the node in turn, and a screen's push
            // (its own queries, the changes encoded) must not hold back the next screen's
            if (urgent.test(update) && rushing.compareAndSet(false, true)) {
                // what the agent is looking at does not wait for the regular push (urgent ones: four a second too)
                long wait = Math.max(0, lastUrgentNanos + minIntervalNanos - System.nanoTime());
                scheduler.schedule(() -> push(target, true), Instant.now().plusNanos(wait));
            }
            scheduleRegular(target);
        }

        private void scheduleRegular(UI target) {
            if (scheduled.compareAndSet(false, true)) {
                long wait = Math.max(0, lastPushNanos + minIntervalNanos - System.nanoTime());
                scheduler.schedule(() -> push(target, false), Instant.now().plusNanos(wait));
            }
        }

        /** One push with everything that arrived until the screen's lock was had. */
        private void push(UI target, boolean urgentPush) {
            if (urgentPush) {
                pushNow(target, true);
                return;
            }
            try {
                regularTurns.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                scheduled.set(false);
                return;
            }
            try {
                pushNow(target, false);
            } finally {
                regularTurns.release();
            }
        }

        private void pushNow(UI target, boolean urgentPush) {
            try {
                target.access(() -> {
                    long now = System.nanoTime();
                    boolean settling = false;
                    if (urgentPush) {
                        rushing.set(false);
                        lastUrgentNanos = now;
                        settle = true;
                    } else {
                        scheduled.set(false);
                        lastPushNanos = now;
                        settling = settle;
                        settle = false;
                    }
                    List<ConversationUpdate> batch = new ArrayList<>();
                    for (ConversationUpdate u; (u = pending.poll()) != null; ) {
                        batch.add(u);
                    }
                    if (!batch.isEmpty() || settling) {
                        listener.accept(batch);
                    }
                    if (urgentPush) {
                        // the settling push: decided under the screen's lock, so a regular push already on its way
                        // (it runs after this) is not missed, and one that ran before is not counted on
                        scheduleRegular(target);
                    }
                });
            } catch (UIDetachedException e) {
                scheduled.set(false);
                rushing.set(false);
                synchronized (this) {
                    if (ui == target) {
                        close(); // not a screen this binding was opened on again meanwhile
                    }
                }
            }
        }
    }
}
