package org.parley.conversation.ui.extension;

import com.vaadin.flow.component.Component;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Pushes changes of conversations into an open screen. Implemented by the realtime module; a view
 * binds itself once and the binding follows the component's attach and detach.
 */
public interface LiveUpdates {

    /**
     * While {@code component} is attached, calls {@code listener} inside {@code UI.access} with the
     * conversations that changed and that {@code agentId} may see. Updates arriving close together
     * come as one batch.
     */
    default void bind(Component component, UUID agentId, Consumer<List<ConversationUpdate>> listener) {
        bind(component, agentId, listener, update -> false);
    }

    /**
     * As {@link #bind(Component, UUID, Consumer)}, and an update for which {@code urgent} holds (say, a new message
     * in the timeline the screen shows) is pushed at once instead of waiting for the screen's next regular push,
     * followed by another batch (empty when nothing else arrived) one push interval later, in which the screen
     * settles what the urgent push left out or showed from shared, possibly older state (its list, queue counts).
     * {@code urgent} is called outside the screen's lock: it may read only what is safe to read from any thread.
     */
    void bind(Component component, UUID agentId, Consumer<List<ConversationUpdate>> listener,
            java.util.function.Predicate<ConversationUpdate> urgent);
}
