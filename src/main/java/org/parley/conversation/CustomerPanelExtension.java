package org.parley.conversation;

import com.vaadin.flow.component.Component;
import java.util.UUID;
import org.parley.customer.CustomerProfile;

/**
 * Lets other modules add an action to the customer panel of the agent views (e.g. "Log a call" from the
 * channel module) without the conversation module depending on them: implement it as a Spring bean.
 */
public interface CustomerPanelExtension {

    /**
     * A component (typically a button) for the customer shown in the panel.
     *
     * @param conversationId the conversation selected in the view, or null
     * @param changed to call after the action stored something, so the view shows it
     */
    Component create(CustomerProfile customer, UUID conversationId, Runnable changed);
}
