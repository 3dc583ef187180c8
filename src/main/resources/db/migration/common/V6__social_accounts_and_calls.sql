-- Social accounts connected in the admin UI (accounts declared in properties are not stored here),
-- and telephony calls reported by a provider or logged by an agent.

CREATE TABLE social_account (
    id                     BINARY(16)   NOT NULL PRIMARY KEY,
    version                BIGINT,
    network                VARCHAR(20)  NOT NULL,
    account_id             VARCHAR(100) NOT NULL,
    name                   VARCHAR(200) NOT NULL,
    access_token_encrypted VARCHAR(4000),
    enabled                BOOLEAN      NOT NULL,
    created_at             ${timestamp} NOT NULL,
    CONSTRAINT uk_social_account UNIQUE (network, account_id)
) ${table_options};

CREATE TABLE phone_call (
    id              BINARY(16)   NOT NULL PRIMARY KEY,
    version         BIGINT,
    call_id         VARCHAR(200) NOT NULL,
    direction       VARCHAR(10)  NOT NULL,
    from_number     VARCHAR(40)  NOT NULL,
    to_number       VARCHAR(40)  NOT NULL,
    status          VARCHAR(20)  NOT NULL,
    started_at      ${timestamp},
    ended_at        ${timestamp},
    recording_url   VARCHAR(2000),
    transcript      ${longtext},
    message_id      BINARY(16)   NOT NULL,
    conversation_id BINARY(16)   NOT NULL,
    customer_id     BINARY(16)   NOT NULL,
    created_at      ${timestamp} NOT NULL,
    updated_at      ${timestamp} NOT NULL,
    CONSTRAINT uk_phone_call UNIQUE (call_id)
) ${table_options};
CREATE INDEX ix_phone_call_conversation ON phone_call (conversation_id);
