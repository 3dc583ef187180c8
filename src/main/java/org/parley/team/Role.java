package org.parley.team;

/** What a user of Parley may do. Roles add up: a LEAD also works as an agent. */
public enum Role {
    AGENT, LEAD, SUPERVISOR, ADMIN
}
