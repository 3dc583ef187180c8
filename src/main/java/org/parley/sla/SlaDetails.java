package org.parley.sla;

import java.util.UUID;
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
    public Object details(UUID conversationId) {
        return clocks.state(conversationId).orElse(null);
    }
}
