package org.parley.realtime.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.spring.annotation.SpringComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.parley.conversation.ConversationAccess;
import org.parley.conversation.ui.extension.ConversationUpdate;
import org.parley.conversation.ui.extension.LiveUpdates;
import org.parley.realtime.LiveBus;
import org.parley.realtime.LiveEvent;

/**
 * Connects screens to the {@link LiveBus}: a bound component subscribes when attached and
 * unsubscribes when detached (no subscription outlives its screen), and receives the updates it may
 * see through Vaadin push. Updates that arrive while an earlier batch is still waiting for the UI
 * lock join that batch, so a burst of messages costs one refresh.
 */
@SpringComponent
class LiveScreenUpdates implements LiveUpdates {

    private final LiveBus bus;
    private final ConversationAccess access;

    LiveScreenUpdates(LiveBus bus, ConversationAccess access) {
        this.bus = bus;
        this.access = access;
    }

    @Override
    public void bind(Component component, UUID agentId, Consumer<List<ConversationUpdate>> listener) {
        Binding binding = new Binding(agentId, listener);
        component.addAttachListener(e -> binding.open(e.getUI()));
        component.addDetachListener(e -> binding.close());
        component.getUI().ifPresent(binding::open);
    }

    private final class Binding {

        private final UUID agentId;
        private final Consumer<List<ConversationUpdate>> listener;
        private final ConcurrentLinkedQueue<ConversationUpdate> pending = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private LiveBus.Subscription subscription;
        private UI ui;

        Binding(UUID agentId, Consumer<List<ConversationUpdate>> listener) {
            this.agentId = agentId;
            this.listener = listener;
        }

        synchronized void open(UI ui) {
            close();
            this.ui = ui;
            subscription = bus.subscribe(access.viewerOf(agentId), this::received);
        }

        synchronized void close() {
            if (subscription != null) {
                subscription.close();
                subscription = null;
            }
            ui = null;
            pending.clear();
        }

        private void received(LiveEvent event) {
            UI target;
            synchronized (this) {
                target = ui;
            }
            if (target == null) {
                return;
            }
            pending.add(new ConversationUpdate(event.conversationId(), event.customerId(), event.change()));
            if (scheduled.compareAndSet(false, true)) {
                try {
                    target.access(() -> {
                        scheduled.set(false);
                        List<ConversationUpdate> batch = new ArrayList<>();
                        for (ConversationUpdate u; (u = pending.poll()) != null; ) {
                            batch.add(u);
                        }
                        if (!batch.isEmpty()) {
                            listener.accept(batch);
                        }
                    });
                } catch (UIDetachedException e) {
                    scheduled.set(false);
                    close();
                }
            }
        }
    }
}
