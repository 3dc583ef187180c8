-- Snooze (issue 15): a conversation parked until a time and/or until the customer replies leaves the queues
-- and comes back by itself. (V18: the version given to this branch.)

-- when it wakes (null: no time set)
ALTER TABLE conversation ADD COLUMN snoozed_until ${timestamp};
-- it wakes when the customer writes again (a customer message always wakes a snoozed conversation)
ALTER TABLE conversation ADD COLUMN snoozed_until_reply BOOLEAN DEFAULT FALSE NOT NULL;
-- snoozed at all (either of the two above): the queues' filter, kept in their indexes
ALTER TABLE conversation ADD COLUMN snoozed BOOLEAN DEFAULT FALSE NOT NULL;

-- the wake round reads the due ones in time order
CREATE INDEX ix_conversation_snoozed_until ON conversation (snoozed_until);

-- every queue but "Snoozed" leaves snoozed conversations out: the queue indexes carry the flag at their end, so
-- pages still walk them in keyset order and counts still read them alone (same columns and order as before)
DROP INDEX ix_conversation_status_activity ON conversation;
CREATE INDEX ix_conversation_status_activity ON conversation (status, last_activity_at, id, snoozed);
DROP INDEX ix_conversation_assignee_activity ON conversation;
CREATE INDEX ix_conversation_assignee_activity ON conversation (assignee_id, status, last_activity_at, id, snoozed);
DROP INDEX ix_conversation_team_activity ON conversation;
CREATE INDEX ix_conversation_team_activity ON conversation (team_id, status, last_activity_at, id, snoozed);
DROP INDEX ix_conversation_assignee_needs_reply ON conversation;
CREATE INDEX ix_conversation_assignee_needs_reply ON conversation (assignee_id, awaiting_reply, status, last_activity_at,
    id, snoozed);
DROP INDEX ix_conversation_team_needs_reply ON conversation;
CREATE INDEX ix_conversation_team_needs_reply ON conversation (team_id, awaiting_reply, status, last_activity_at, id,
    assignee_id, snoozed);
DROP INDEX ix_conversation_activity_visibility ON conversation;
CREATE INDEX ix_conversation_activity_visibility ON conversation (last_activity_at, id, status, team_id, assignee_id,
    snoozed);
DROP INDEX ix_conversation_status_activity_visibility ON conversation;
CREATE INDEX ix_conversation_status_activity_visibility ON conversation (status, last_activity_at, id, team_id,
    assignee_id, snoozed);
