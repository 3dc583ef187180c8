package org.parley.conversation;

/** Who made a change: an agent (in a screen or through the API), or Parley's own routing, SLA or other work. */
public enum Origin {
    AGENT, ROUTING, SLA, SYSTEM
}
