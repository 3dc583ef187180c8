-- Canned responses (module reply): scoped PERSONAL (owner_agent_id), TEAM (team_id) or GLOBAL.
-- scope_key is 'GLOBAL', 'TEAM:<team id>' or 'PERSONAL:<agent id>': a shortcut is unique within its scope.
CREATE TABLE canned_response (
    id              BINARY(16)    NOT NULL PRIMARY KEY,
    version         BIGINT,
    title           VARCHAR(200)  NOT NULL,
    shortcut        VARCHAR(60)   NOT NULL,
    body            ${longtext}   NOT NULL,
    short_body      VARCHAR(2000),
    folder          VARCHAR(100),
    scope           VARCHAR(20)   NOT NULL,
    scope_key       VARCHAR(50)   NOT NULL,
    owner_agent_id  BINARY(16),
    team_id         BINARY(16),
    macro_status    VARCHAR(20),
    macro_priority  VARCHAR(20),
    macro_tags      VARCHAR(500),
    macro_assign    VARCHAR(20),
    times_used      BIGINT        NOT NULL,
    last_used_at    ${timestamp},
    last_used_by    BINARY(16),
    created_at      ${timestamp}  NOT NULL,
    updated_at      ${timestamp}  NOT NULL,
    CONSTRAINT uk_canned_response_shortcut UNIQUE (scope_key, shortcut)
) ${table_options};
CREATE INDEX ix_canned_response_team ON canned_response (team_id);
CREATE INDEX ix_canned_response_owner ON canned_response (owner_agent_id);

CREATE TABLE canned_response_tag (
    response_id BINARY(16)  NOT NULL,
    tag         VARCHAR(60) NOT NULL,
    PRIMARY KEY (response_id, tag),
    CONSTRAINT fk_canned_response_tag FOREIGN KEY (response_id) REFERENCES canned_response (id) ON DELETE CASCADE
) ${table_options};

-- usage per response and agent: who uses a response, how often, when last
CREATE TABLE canned_response_usage (
    response_id  BINARY(16)   NOT NULL,
    agent_id     BINARY(16)   NOT NULL,
    times_used   BIGINT       NOT NULL,
    last_used_at ${timestamp} NOT NULL,
    PRIMARY KEY (response_id, agent_id),
    CONSTRAINT fk_canned_response_usage FOREIGN KEY (response_id) REFERENCES canned_response (id) ON DELETE CASCADE
) ${table_options};
