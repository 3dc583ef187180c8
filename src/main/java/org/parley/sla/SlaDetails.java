package org.parley.sla;

import java.util.UUID;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.ConversationDetailsContributor;
import org.springframework.stereotype.Component;

/** The {@code sla} field of {@code GET /api/v1/conversations/{id}}: null when no policy applies. */
@Component
class SlaDetails implements ConversationDetailsContributor {

    private final SlaClocks clocks;

    SlaDetails(SlaClocks clocks) {
        this.clocks = clocks;
    }

    @Override
    public String field() {
        return "sla";
    }

    @Override
    public Object details(Viewer viewer, UUID conversationId) {
        return clocks.state(viewer, conversationId).orElse(null);
    }
}
