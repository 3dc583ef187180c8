-- SLA (business-hours calendars, policies, clocks, escalations) and routing (rules, presence,
-- round-robin cursors). Calendars, policies and rules keep their editor shape as JSON text
-- (validated at save; compiled and cached in memory).

CREATE TABLE sla_calendar (
    id         BINARY(16)   NOT NULL PRIMARY KEY,
    version    BIGINT,
    name       VARCHAR(100) NOT NULL,
    definition ${longtext}  NOT NULL,
    CONSTRAINT uk_sla_calendar_name UNIQUE (name)
) ${table_options};

CREATE TABLE sla_policy (
    id          BINARY(16)   NOT NULL PRIMARY KEY,
    version     BIGINT,
    name        VARCHAR(100) NOT NULL,
    calendar_id BINARY(16)   NOT NULL,
    definition  ${longtext}  NOT NULL,
    CONSTRAINT uk_sla_policy_name UNIQUE (name),
    CONSTRAINT fk_sla_policy_calendar FOREIGN KEY (calendar_id) REFERENCES sla_calendar (id)
) ${table_options};

-- one SLA clock per conversation; the sweep picks rows whose next_check_at has come
CREATE TABLE sla_clock (
    conversation_id            BINARY(16)   NOT NULL PRIMARY KEY,
    policy_id                  BINARY(16)   NOT NULL,
    team_id                    BINARY(16),
    assignee_id                BINARY(16),
    priority                   VARCHAR(20)  NOT NULL,
    status                     VARCHAR(20)  NOT NULL,
    first_response_started_at  ${timestamp} NOT NULL,
    first_response_due_at      ${timestamp},
    first_response_met_at      ${timestamp},
    next_response_started_at   ${timestamp},
    next_response_due_at       ${timestamp},
    last_reply_at              ${timestamp},
    resolution_running_since   ${timestamp},
    resolution_elapsed_seconds BIGINT       NOT NULL,
    resolution_due_at          ${timestamp},
    escalation_level           VARCHAR(20),
    next_check_at              ${timestamp},
    updated_at                 ${timestamp} NOT NULL,
    CONSTRAINT fk_sla_clock_policy FOREIGN KEY (policy_id) REFERENCES sla_policy (id)
) ${table_options};
CREATE INDEX ix_sla_clock_next_check ON sla_clock (next_check_at);
CREATE INDEX ix_sla_clock_team_level ON sla_clock (team_id, escalation_level);

-- every escalation exactly once: one row per conversation, target, target cycle and level
CREATE TABLE sla_escalation (
    id                BINARY(16)   NOT NULL PRIMARY KEY,
    conversation_id   BINARY(16)   NOT NULL,
    team_id           BINARY(16),
    target            VARCHAR(20)  NOT NULL,
    level             VARCHAR(20)  NOT NULL,
    target_started_at ${timestamp} NOT NULL,
    due_at            ${timestamp} NOT NULL,
    raised_at         ${timestamp} NOT NULL,
    notified          VARCHAR(2000),
    acknowledged_by   BINARY(16),
    acknowledged_at   ${timestamp},
    CONSTRAINT uk_sla_escalation UNIQUE (conversation_id, target, level, target_started_at)
) ${table_options};
CREATE INDEX ix_sla_escalation_team ON sla_escalation (team_id, acknowledged_at);

CREATE TABLE routing_rule (
    id         BINARY(16)   NOT NULL PRIMARY KEY,
    version    BIGINT,
    name       VARCHAR(100) NOT NULL,
    position   INT          NOT NULL,
    enabled    BOOLEAN      NOT NULL,
    definition ${longtext}  NOT NULL,
    updated_at ${timestamp} NOT NULL,
    CONSTRAINT uk_routing_rule_name UNIQUE (name)
) ${table_options};

CREATE TABLE routing_presence (
    agent_id   BINARY(16)  NOT NULL PRIMARY KEY,
    presence   VARCHAR(20) NOT NULL,
    capacity   INT         NOT NULL,
    changed_at ${timestamp} NOT NULL,
    CONSTRAINT fk_routing_presence_agent FOREIGN KEY (agent_id) REFERENCES agent (id)
) ${table_options};

-- round-robin position per team; locked while picking so two nodes never over-assign
CREATE TABLE routing_team_cursor (
    team_id       BINARY(16) NOT NULL PRIMARY KEY,
    last_agent_id BINARY(16)
) ${table_options};

-- conversations waiting in a team queue for an agent with room
CREATE TABLE routing_waiting (
    conversation_id BINARY(16)  NOT NULL PRIMARY KEY,
    team_id         BINARY(16)  NOT NULL,
    strategy        VARCHAR(20) NOT NULL,
    since           ${timestamp} NOT NULL
) ${table_options};
CREATE INDEX ix_routing_waiting_team ON routing_waiting (team_id, since);
