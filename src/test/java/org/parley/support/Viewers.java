package org.parley.support;

import java.util.Set;
import java.util.UUID;
import org.parley.conversation.ConversationAccess.Viewer;

/**
 * A plain agent's viewer for tests that call a service reading the agent's own data: notifications are the
 * viewer's agent's, and reports read the agent's roles from the team directory (not from the viewer).
 */
public final class Viewers {

    private Viewers() {
    }

    public static Viewer of(UUID agentId) {
        return new Viewer(agentId, false, Set.of());
    }
}
