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
    void bind(Component component, UUID agentId, Consumer<List<ConversationUpdate>> listener);
}
