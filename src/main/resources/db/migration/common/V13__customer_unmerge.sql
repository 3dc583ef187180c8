-- What each customer merge changed, so that it can be undone: the identities that moved, the absorbed
-- customer's attributes, and the survivor's profile as it was before.
CREATE TABLE customer_merge (
    id                   BINARY(16)   NOT NULL PRIMARY KEY,
    version              BIGINT,
    survivor_id          BINARY(16)   NOT NULL,
    absorbed_id          BINARY(16)   NOT NULL,
    merged_at            ${timestamp} NOT NULL,
    merged_by            VARCHAR(200),
    identity_ids         ${longtext}  NOT NULL,
    absorbed_attributes  ${longtext}  NOT NULL,
    survivor_attributes  ${longtext}  NOT NULL,
    survivor_company     VARCHAR(200),
    survivor_notes       VARCHAR(4000),
    survivor_created_at  ${timestamp} NOT NULL,
    unmerged_at          ${timestamp},
    unmerged_by          VARCHAR(200)
) ${table_options};
CREATE INDEX ix_customer_merge_survivor ON customer_merge (survivor_id, merged_at);

-- the conversations a merge moved to the survivor (moved back on unmerge)
CREATE TABLE conversation_merge_move (
    merge_id        BINARY(16) NOT NULL,
    conversation_id BINARY(16) NOT NULL,
    PRIMARY KEY (merge_id, conversation_id)
) ${table_options};
