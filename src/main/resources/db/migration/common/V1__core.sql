-- Parley's core tables. Portable DDL: placeholders ${longtext} and ${table_options} are set per
-- database vendor by FlywayVendorPlaceholders (MEDIUMTEXT and utf8mb4_bin on MySQL/MariaDB).
-- Ids are time-ordered UUIDs (v7) stored as BINARY(16); times are UTC.

CREATE TABLE agent (
    id            BINARY(16)   NOT NULL PRIMARY KEY,
    version       BIGINT,
    username      VARCHAR(100) NOT NULL,
    display_name  VARCHAR(200) NOT NULL,
    email         VARCHAR(320),
    password_hash VARCHAR(100) NOT NULL,
    active        BOOLEAN      NOT NULL,
    created_at    ${timestamp} NOT NULL,
    CONSTRAINT uk_agent_username UNIQUE (username)
) ${table_options};

CREATE TABLE agent_role (
    agent_id BINARY(16)  NOT NULL,
    role     VARCHAR(20) NOT NULL,
    PRIMARY KEY (agent_id, role),
    CONSTRAINT fk_agent_role_agent FOREIGN KEY (agent_id) REFERENCES agent (id)
) ${table_options};

CREATE TABLE team (
    id          BINARY(16)   NOT NULL PRIMARY KEY,
    version     BIGINT,
    name        VARCHAR(100) NOT NULL,
    description VARCHAR(500),
    CONSTRAINT uk_team_name UNIQUE (name)
) ${table_options};

CREATE TABLE team_member (
    team_id  BINARY(16) NOT NULL,
    agent_id BINARY(16) NOT NULL,
    PRIMARY KEY (team_id, agent_id),
    CONSTRAINT fk_team_member_team FOREIGN KEY (team_id) REFERENCES team (id),
    CONSTRAINT fk_team_member_agent FOREIGN KEY (agent_id) REFERENCES agent (id)
) ${table_options};
CREATE INDEX ix_team_member_agent ON team_member (agent_id);

CREATE TABLE team_lead (
    team_id  BINARY(16) NOT NULL,
    agent_id BINARY(16) NOT NULL,
    PRIMARY KEY (team_id, agent_id),
    CONSTRAINT fk_team_lead_team FOREIGN KEY (team_id) REFERENCES team (id),
    CONSTRAINT fk_team_lead_agent FOREIGN KEY (agent_id) REFERENCES agent (id)
) ${table_options};

CREATE TABLE customer (
    id           BINARY(16)    NOT NULL PRIMARY KEY,
    version      BIGINT,
    display_name VARCHAR(200)  NOT NULL,
    company      VARCHAR(200),
    notes        VARCHAR(4000),
    created_at   ${timestamp}  NOT NULL,
    last_seen_at ${timestamp},
    merged_into  BINARY(16)
) ${table_options};
CREATE INDEX ix_customer_name ON customer (display_name);
CREATE INDEX ix_customer_last_seen ON customer (last_seen_at);

CREATE TABLE customer_attribute (
    customer_id BINARY(16)    NOT NULL,
    attr_key    VARCHAR(100)  NOT NULL,
    attr_value  VARCHAR(1000),
    PRIMARY KEY (customer_id, attr_key),
    CONSTRAINT fk_customer_attribute_customer FOREIGN KEY (customer_id) REFERENCES customer (id)
) ${table_options};

CREATE TABLE customer_identity (
    id            BINARY(16)   NOT NULL PRIMARY KEY,
    version       BIGINT,
    customer_id   BINARY(16)   NOT NULL,
    identity_type  VARCHAR(20)  NOT NULL,
    identity_value VARCHAR(320) NOT NULL,
    display_value VARCHAR(320),
    created_at    ${timestamp} NOT NULL,
    CONSTRAINT uk_identity_type_value UNIQUE (identity_type, identity_value),
    CONSTRAINT fk_identity_customer FOREIGN KEY (customer_id) REFERENCES customer (id)
) ${table_options};
CREATE INDEX ix_identity_customer ON customer_identity (customer_id);
CREATE INDEX ix_identity_value ON customer_identity (identity_value);

CREATE TABLE conversation (
    id                       BINARY(16)   NOT NULL PRIMARY KEY,
    version                  BIGINT,
    customer_id              BINARY(16)   NOT NULL,
    channel                  VARCHAR(20)  NOT NULL,
    subject                  VARCHAR(300),
    thread_key               VARCHAR(200),
    status                   VARCHAR(20)  NOT NULL,
    priority                 VARCHAR(20)  NOT NULL,
    team_id                  BINARY(16),
    assignee_id              BINARY(16),
    snippet                  VARCHAR(160),
    message_count            INT          NOT NULL,
    created_at               ${timestamp} NOT NULL,
    last_activity_at         ${timestamp} NOT NULL,
    last_customer_message_at ${timestamp},
    first_response_at        ${timestamp},
    resolved_at              ${timestamp}
) ${table_options};
-- queue pages: filter columns first, then the keyset order (last_activity_at, id)
CREATE INDEX ix_conversation_status_activity ON conversation (status, last_activity_at, id);
CREATE INDEX ix_conversation_assignee_activity ON conversation (assignee_id, status, last_activity_at, id);
CREATE INDEX ix_conversation_team_activity ON conversation (team_id, status, last_activity_at, id);
CREATE INDEX ix_conversation_customer ON conversation (customer_id, channel, last_activity_at);
CREATE INDEX ix_conversation_thread_key ON conversation (channel, thread_key);

CREATE TABLE conversation_tag (
    conversation_id BINARY(16)  NOT NULL,
    tag             VARCHAR(60) NOT NULL,
    PRIMARY KEY (conversation_id, tag),
    CONSTRAINT fk_conversation_tag_conversation FOREIGN KEY (conversation_id) REFERENCES conversation (id)
) ${table_options};
CREATE INDEX ix_conversation_tag_tag ON conversation_tag (tag);

CREATE TABLE message (
    id                   BINARY(16)   NOT NULL PRIMARY KEY,
    version              BIGINT,
    conversation_id      BINARY(16)   NOT NULL,
    customer_id          BINARY(16)   NOT NULL,
    direction            VARCHAR(10)  NOT NULL,
    channel              VARCHAR(20)  NOT NULL,
    author_customer_id   BINARY(16),
    author_agent_id      BINARY(16),
    author_name          VARCHAR(200),
    subject              VARCHAR(300),
    text_body            ${longtext},
    html_body            ${longtext},
    external_id          VARCHAR(255),
    reply_to_external_id VARCHAR(255),
    occurred_at          ${timestamp} NOT NULL,
    created_at           ${timestamp} NOT NULL,
    delivery_status      VARCHAR(20),
    -- idempotency: one row per channel and external id, whatever the number of deliveries
    CONSTRAINT uk_message_channel_external UNIQUE (channel, external_id),
    CONSTRAINT fk_message_conversation FOREIGN KEY (conversation_id) REFERENCES conversation (id)
) ${table_options};
CREATE INDEX ix_message_customer_time ON message (customer_id, occurred_at, id);
CREATE INDEX ix_message_conversation_time ON message (conversation_id, occurred_at, id);

CREATE TABLE audit_entry (
    id           BINARY(16)    NOT NULL PRIMARY KEY,
    occurred_at  ${timestamp}  NOT NULL,
    actor        VARCHAR(200)  NOT NULL,
    action       VARCHAR(60)   NOT NULL,
    subject_type VARCHAR(60),
    subject_id   VARCHAR(60),
    details      VARCHAR(2000),
    origin       VARCHAR(100)
) ${table_options};
CREATE INDEX ix_audit_subject ON audit_entry (subject_id, occurred_at);
CREATE INDEX ix_audit_time ON audit_entry (occurred_at);

CREATE TABLE api_token (
    id           BINARY(16)   NOT NULL PRIMARY KEY,
    version      BIGINT,
    name         VARCHAR(100) NOT NULL,
    agent_id     BINARY(16)   NOT NULL,
    token_hash   VARCHAR(64)  NOT NULL,
    token_prefix VARCHAR(12)  NOT NULL,
    created_at   ${timestamp} NOT NULL,
    last_used_at ${timestamp},
    revoked_at   ${timestamp},
    CONSTRAINT uk_api_token_hash UNIQUE (token_hash),
    CONSTRAINT fk_api_token_agent FOREIGN KEY (agent_id) REFERENCES agent (id)
) ${table_options};

-- Spring Modulith's event publication registry (JPA): events to module listeners survive a crash
CREATE TABLE event_publication (
    id                     BINARY(16)   NOT NULL PRIMARY KEY,
    listener_id            VARCHAR(512) NOT NULL,
    event_type             VARCHAR(512) NOT NULL,
    serialized_event       ${longtext}  NOT NULL,
    publication_date       ${timestamp} NOT NULL,
    completion_date        ${timestamp},
    status                 VARCHAR(20),
    completion_attempts    INT          NOT NULL DEFAULT 0,
    last_resubmission_date ${timestamp}
) ${table_options};
CREATE INDEX ix_event_publication_completion ON event_publication (completion_date);

CREATE TABLE event_publication_archive (
    id                     BINARY(16)   NOT NULL PRIMARY KEY,
    listener_id            VARCHAR(512) NOT NULL,
    event_type             VARCHAR(512) NOT NULL,
    serialized_event       ${longtext}  NOT NULL,
    publication_date       ${timestamp} NOT NULL,
    completion_date        ${timestamp},
    status                 VARCHAR(20),
    completion_attempts    INT          NOT NULL DEFAULT 0,
    last_resubmission_date ${timestamp}
) ${table_options};
