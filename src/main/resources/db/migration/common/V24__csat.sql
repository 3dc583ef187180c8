-- Customer satisfaction (module csat): one survey per resolved conversation, sent after a delay through the
-- conversation's channel with a signed link; the customer's one answer (score 1-5, optional comment).
CREATE TABLE csat_survey (
    id               BINARY(16)     NOT NULL PRIMARY KEY,
    conversation_id  BINARY(16)     NOT NULL,
    customer_id      BINARY(16),
    agent_id         BINARY(16),
    team_id          BINARY(16),
    channel          VARCHAR(20)    NOT NULL,
    resolved_at      ${timestamp}   NOT NULL,
    due_at           ${timestamp}   NOT NULL,
    sent_at          ${timestamp},
    skipped          VARCHAR(200),
    answered_at      ${timestamp},
    score            INT,
    comment          VARCHAR(1000)
) ${table_options};
CREATE INDEX csat_survey_due ON csat_survey (sent_at, due_at);
CREATE INDEX csat_survey_conversation ON csat_survey (conversation_id, resolved_at);
CREATE INDEX csat_survey_answered ON csat_survey (answered_at);
-- The key of the links' signatures when parley.csat.secret is not set: generated once, shared by all nodes.
CREATE TABLE csat_secret (
    id      INT           NOT NULL PRIMARY KEY,
    secret  VARCHAR(100)  NOT NULL
) ${table_options};
