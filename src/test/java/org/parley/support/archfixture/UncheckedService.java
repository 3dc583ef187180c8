package org.parley.support.archfixture;

import java.util.UUID;
import org.parley.conversation.ConversationAccess.Viewer;

/** A deliberate violation for ServiceAccessArchitectureTest: a checked method and its unchecked public twin. */
public class UncheckedService {

    public String read(Viewer viewer, UUID conversationId) {
        return conversationId.toString();
    }

    public String read(UUID conversationId) {
        return conversationId.toString();
    }
}
