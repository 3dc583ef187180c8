-- Saved views (module search): a search query and a sort, personal or shared with a team, shown with a live
-- count among the queues; and one search row per conversation (its state and all its words) that views count
-- and sort on, kept beside the per-message rows of V17.
CREATE TABLE saved_view (
    id               BINARY(16)     NOT NULL PRIMARY KEY,
    version          BIGINT,
    name             VARCHAR(80)    NOT NULL,
    query            VARCHAR(500)   NOT NULL,
    sort             VARCHAR(20)    NOT NULL,
    owner_id         BINARY(16)     NOT NULL,
    team_id          BINARY(16),
    created_at       ${timestamp}   NOT NULL
) ${table_options};

CREATE INDEX ix_saved_view_owner ON saved_view (owner_id);
CREATE INDEX ix_saved_view_team ON saved_view (team_id);

CREATE TABLE search_conversation (
    id               BINARY(16)     NOT NULL PRIMARY KEY,
    customer_id      BINARY(16)     NOT NULL,
    channel          VARCHAR(20)    NOT NULL,
    subject          VARCHAR(300),
    body             ${longtext},
    customer_name    VARCHAR(200),
    identities       VARCHAR(4000),
    tags             VARCHAR(4000),
    status           VARCHAR(20)    NOT NULL,
    priority         VARCHAR(20)    NOT NULL,
    priority_rank    INT            NOT NULL,
    team_id          BINARY(16),
    assignee_id      BINARY(16),
    has_attachment   BOOLEAN        NOT NULL,
    sla_breached     BOOLEAN        NOT NULL,
    snoozed          BOOLEAN        NOT NULL,
    occurred_at      ${timestamp}   NOT NULL,
    waiting_since    ${timestamp}
) ${table_options};

CREATE INDEX ix_search_conversation_customer ON search_conversation (customer_id);
