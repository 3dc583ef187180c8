-- The agent's workspace (issue 13): which conversations wait on us, which ones their assignee has not opened,
-- and the agent's inbox preferences. (V14_2: leaves V14 and V14_1 to the branches written alongside this one.)

-- the customer had the last word: their newest message came after our last reply (or logged call)
ALTER TABLE conversation ADD COLUMN awaiting_reply BOOLEAN DEFAULT FALSE NOT NULL;
-- when the assignee last opened the conversation; unread = assigned, and never opened or a customer message since
ALTER TABLE conversation ADD COLUMN assignee_read_at ${timestamp};

-- active conversations whose newest non-note message is the customer's (settled ones are set by their next message)
UPDATE conversation SET awaiting_reply = TRUE
WHERE status IN ('OPEN', 'PENDING') AND last_customer_message_at IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM message m WHERE m.conversation_id = conversation.id AND m.direction = 'OUTBOUND'
                  AND m.occurred_at >= conversation.last_customer_message_at);
-- what exists today counts as read: only what arrives from now on is new to its assignee
UPDATE conversation SET assignee_read_at = last_activity_at WHERE assignee_id IS NOT NULL;

-- "Needs my reply" and a team's "Needs reply": equality on the first three columns, then the keyset order, so a
-- page walks the index and stops after its rows, and a count reads one index range (assignee_id at the end of the
-- team index covers the visibility rule)
CREATE INDEX ix_conversation_assignee_needs_reply ON conversation (assignee_id, awaiting_reply, status, last_activity_at, id);
CREATE INDEX ix_conversation_team_needs_reply ON conversation (team_id, awaiting_reply, status, last_activity_at, id, assignee_id);

-- one row per agent who changed an inbox setting (whether the customer panel is collapsed)
CREATE TABLE inbox_preference (
    agent_id                 BINARY(16) NOT NULL PRIMARY KEY,
    version                  BIGINT,
    customer_panel_collapsed BOOLEAN    DEFAULT FALSE NOT NULL
) ${table_options};
