package org.parley.routing;

import java.time.Instant;
import java.util.UUID;
import org.parley.base.events.DomainEvent;
import org.parley.routing.RoutingEnums.Presence;

/** An agent's presence or capacity changed (wallboards count agents online, away and offline). */
public record PresenceChanged(UUID agentId, Presence presence, int capacity, Instant at) implements DomainEvent {
}
