package org.parley.conversation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.UUID;

/** One agent's inbox settings; a row exists once the agent changed one. */
@Entity
@Table(name = "inbox_preference")
class InboxPreference {

    @Id
    @Column(name = "agent_id", nullable = false, updatable = false)
    private UUID agentId;

    @Version
    @Column(name = "version")
    private Long version;

    @Column(name = "customer_panel_collapsed", nullable = false)
    private boolean customerPanelCollapsed;

    protected InboxPreference() {
    }

    InboxPreference(UUID agentId) {
        this.agentId = agentId;
    }

    boolean isCustomerPanelCollapsed() {
        return customerPanelCollapsed;
    }

    void setCustomerPanelCollapsed(boolean collapsed) {
        this.customerPanelCollapsed = collapsed;
    }
}
