package org.parley.routing;

import java.util.UUID;
import org.parley.routing.RoutingEnums.Trigger;

/** Internal: a conversation is to be routed after the change that asked for it has committed. */
record RoutingRequested(UUID conversationId, Trigger trigger, boolean firstMessage, String change) {
}
