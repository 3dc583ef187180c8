-- Outbound webhooks (module webhook): what admins subscribed and every delivery made to them.
-- A delivery row is written in the transaction that reacts to the event; a dispatcher sends it later.
CREATE TABLE webhook_subscription (
    id            BINARY(16)    NOT NULL PRIMARY KEY,
    version       BIGINT,
    url           VARCHAR(2000) NOT NULL,
    events        VARCHAR(500)  NOT NULL,
    description   VARCHAR(500),
    secret        VARCHAR(100)  NOT NULL,
    created_at    ${timestamp}  NOT NULL,
    failing_since ${timestamp},
    disabled_at   ${timestamp},
    disabled_reason VARCHAR(300)
) ${table_options};

CREATE TABLE webhook_delivery (
    id              BINARY(16)    NOT NULL PRIMARY KEY,
    version         BIGINT,
    subscription_id BINARY(16)    NOT NULL,
    event           VARCHAR(50)   NOT NULL,
    payload         ${longtext}   NOT NULL,
    status          VARCHAR(20)   NOT NULL,
    attempts        INT           NOT NULL,
    next_attempt_at ${timestamp},
    last_http_status INT,
    last_answer     VARCHAR(500),
    created_at      ${timestamp}  NOT NULL,
    last_attempt_at ${timestamp}
) ${table_options};
CREATE INDEX ix_webhook_delivery_due ON webhook_delivery (status, next_attempt_at);
CREATE INDEX ix_webhook_delivery_subscription ON webhook_delivery (subscription_id, created_at);
