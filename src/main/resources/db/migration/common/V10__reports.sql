-- Reporting facts, kept up to date by the report module's listeners as conversations change.
-- report_conversation is clustered by created_at (InnoDB keeps rows in primary-key order), so a
-- date-range report reads consecutive pages; conversation_id is unique for updates.
CREATE TABLE report_conversation (
    created_at                      ${timestamp} NOT NULL,
    conversation_id                 BINARY(16)   NOT NULL,
    channel                         VARCHAR(20)  NOT NULL,
    team_id                         BINARY(16),
    assignee_id                     BINARY(16),
    priority                        VARCHAR(20)  NOT NULL,
    status                          VARCHAR(20)  NOT NULL,
    first_message_at                ${timestamp},
    first_response_at               ${timestamp},
    first_response_seconds          BIGINT,
    first_response_business_seconds BIGINT,
    resolved_at                     ${timestamp},
    resolution_seconds              BIGINT,
    resolution_business_seconds     BIGINT,
    reopen_count                    INT          NOT NULL,
    sla_policy_id                   BINARY(16),
    first_response_breached         BOOLEAN      NOT NULL,
    next_response_breached          BOOLEAN      NOT NULL,
    resolution_breached             BOOLEAN      NOT NULL,
    sla_warnings                    INT          NOT NULL,
    sla_breaches                    INT          NOT NULL,
    sla_second_level                INT          NOT NULL,
    updated_at                      ${timestamp} NOT NULL,
    PRIMARY KEY (created_at, conversation_id),
    CONSTRAINT uk_report_conversation UNIQUE (conversation_id)
) ${table_options};
-- covering indexes: the resolved-in-range scan and the backlog read only the index (no row lookups,
-- which cost seconds on a big desk whose rows do not fit the buffer pool)
CREATE INDEX ix_report_conversation_resolved ON report_conversation (resolved_at, team_id, assignee_id, channel,
    priority, resolution_seconds, resolution_business_seconds, reopen_count);
CREATE INDEX ix_report_conversation_status ON report_conversation (status, created_at, team_id, assignee_id, channel,
    priority);

-- one row per public agent reply that answered a waiting customer
CREATE TABLE report_response (
    replied_at             ${timestamp} NOT NULL,
    message_id             BINARY(16)   NOT NULL,
    conversation_id        BINARY(16)   NOT NULL,
    agent_id               BINARY(16),
    team_id                BINARY(16),
    channel                VARCHAR(20)  NOT NULL,
    priority               VARCHAR(20)  NOT NULL,
    first_response         BOOLEAN      NOT NULL,
    wait_seconds           BIGINT       NOT NULL,
    wait_business_seconds  BIGINT       NOT NULL,
    PRIMARY KEY (replied_at, message_id)
) ${table_options};
CREATE INDEX ix_report_response_conversation ON report_response (conversation_id);

-- status changes that messages do not imply (resolve, explicit pending/open), for pauses and reopens
CREATE TABLE report_status_change (
    conversation_id BINARY(16)   NOT NULL,
    changed_at      ${timestamp} NOT NULL,
    status          VARCHAR(20)  NOT NULL,
    PRIMARY KEY (conversation_id, changed_at, status)
) ${table_options};
