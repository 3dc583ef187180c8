-- The event spine: every domain event is one row, numbered in commit order (a transaction takes its
-- numbers from event_sequence last, just before it commits, and holds that row until it has), so a
-- subscriber that has read up to N has seen every event before N. Each subscriber keeps its position
-- (read and advanced under a row lock, in the transaction that applies the events: exactly-once effects,
-- one node at a time); an event that keeps failing is parked in event_failure, retried with backoff and
-- counted in the health endpoint and metrics until it succeeds.
CREATE TABLE domain_event (
    seq             BIGINT        NOT NULL PRIMARY KEY,
    event_type      VARCHAR(200)  NOT NULL,
    aggregate_id    BINARY(16),
    node            VARCHAR(64)   NOT NULL,
    occurred_at     ${timestamp}  NOT NULL,
    payload         ${longtext}   NOT NULL
) ${table_options};

CREATE TABLE event_sequence (
    id        INT     NOT NULL PRIMARY KEY,
    next_seq  BIGINT  NOT NULL
) ${table_options};

INSERT INTO event_sequence (id, next_seq) VALUES (1, 1);

CREATE TABLE event_subscriber (
    name        VARCHAR(100)  NOT NULL PRIMARY KEY,
    position    BIGINT        NOT NULL,
    updated_at  ${timestamp}  NOT NULL
) ${table_options};

CREATE TABLE event_failure (
    subscriber       VARCHAR(100)   NOT NULL,
    seq              BIGINT         NOT NULL,
    attempts         INT            NOT NULL,
    next_attempt_at  ${timestamp}   NOT NULL,
    first_failed_at  ${timestamp}   NOT NULL,
    last_error       VARCHAR(1000),
    PRIMARY KEY (subscriber, seq)
) ${table_options};

CREATE INDEX ix_event_failure_due ON event_failure (subscriber, next_attempt_at);
