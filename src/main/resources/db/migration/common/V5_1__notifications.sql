-- The notification bell (module realtime): mentions, assignments and escalations per agent.
CREATE TABLE notification (
    id              BINARY(16)   NOT NULL PRIMARY KEY,
    version         BIGINT,
    agent_id        BINARY(16)   NOT NULL,
    kind            VARCHAR(30)  NOT NULL,
    conversation_id BINARY(16),
    text            VARCHAR(500) NOT NULL,
    created_at      ${timestamp} NOT NULL,
    read_at         ${timestamp}
) ${table_options};
CREATE INDEX ix_notification_agent ON notification (agent_id, created_at);
CREATE INDEX ix_notification_unread ON notification (agent_id, read_at);
