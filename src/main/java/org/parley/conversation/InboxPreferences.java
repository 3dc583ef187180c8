package org.parley.conversation;

import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How each agent likes their inbox, kept on the server (so it follows them from browser to browser): for now,
 * whether the customer panel beside the conversation is collapsed.
 */
@Service
@Transactional(readOnly = true)
public class InboxPreferences {

    private final InboxPreferenceRepository preferences;

    InboxPreferences(InboxPreferenceRepository preferences) {
        this.preferences = preferences;
    }

    /** Whether the agent collapsed the customer panel (open until they do). */
    public boolean customerPanelCollapsed(UUID agentId) {
        return agentId != null && preferences.findById(agentId).map(InboxPreference::isCustomerPanelCollapsed)
                .orElse(false);
    }

    @Transactional
    public void setCustomerPanelCollapsed(UUID agentId, boolean collapsed) {
        if (agentId == null) {
            return;
        }
        InboxPreference p = preferences.findById(agentId).orElse(null);
        if (p == null) {
            p = new InboxPreference(agentId);
            p.setCustomerPanelCollapsed(collapsed);
            preferences.save(p);
            return;
        }
        p.setCustomerPanelCollapsed(collapsed);
    }
}
