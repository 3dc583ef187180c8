-- Merging two conversations of one customer (issue 15): the later one's messages move into the earlier one and
-- the later one becomes a pointer (merged_into); each merge is recorded with what it changed so that it can be
-- undone exactly.

-- the conversation this one was merged into (null: not merged); a merged conversation is CLOSED and in no queue
ALTER TABLE conversation ADD COLUMN merged_into BINARY(16);
CREATE INDEX ix_conversation_merged_into ON conversation (merged_into);

-- one merge: the absorbed conversation's state before it became a pointer, and the survivor's fields before and
-- after the merge (undo reverts a field only if nobody changed it since)
CREATE TABLE conversation_merge (
    id                              BINARY(16)   NOT NULL PRIMARY KEY,
    version                         BIGINT,
    survivor_id                     BINARY(16)   NOT NULL,
    absorbed_id                     BINARY(16)   NOT NULL,
    customer_id                     BINARY(16)   NOT NULL,
    merged_at                       ${timestamp} NOT NULL,
    merged_by                       VARCHAR(200),
    absorbed_status                 VARCHAR(20)  NOT NULL,
    absorbed_resolved_at            ${timestamp},
    absorbed_message_count          INT          NOT NULL,
    absorbed_last_activity_at       ${timestamp} NOT NULL,
    absorbed_last_customer_msg_at   ${timestamp},
    absorbed_first_response_at      ${timestamp},
    absorbed_snippet                VARCHAR(160),
    absorbed_awaiting_reply         BOOLEAN      NOT NULL,
    survivor_status                 VARCHAR(20)  NOT NULL,
    survivor_resolved_at            ${timestamp},
    survivor_priority               VARCHAR(20)  NOT NULL,
    survivor_tags                   ${longtext}  NOT NULL,
    survivor_message_count          INT          NOT NULL,
    survivor_last_activity_at       ${timestamp} NOT NULL,
    survivor_last_customer_msg_at   ${timestamp},
    survivor_first_response_at      ${timestamp},
    survivor_snippet                VARCHAR(160),
    survivor_awaiting_reply         BOOLEAN      NOT NULL,
    merged_status                   VARCHAR(20)  NOT NULL,
    merged_priority                 VARCHAR(20)  NOT NULL,
    merged_tags                     ${longtext}  NOT NULL,
    unmerged_at                     ${timestamp},
    unmerged_by                     VARCHAR(200)
) ${table_options};
CREATE INDEX ix_conversation_merge_absorbed ON conversation_merge (absorbed_id, merged_at);
CREATE INDEX ix_conversation_merge_survivor ON conversation_merge (survivor_id, merged_at);

-- the messages a merge moved into the survivor (moved back on undo; later messages stay)
CREATE TABLE conversation_merge_message (
    merge_id   BINARY(16) NOT NULL,
    message_id BINARY(16) NOT NULL,
    PRIMARY KEY (merge_id, message_id)
) ${table_options};
