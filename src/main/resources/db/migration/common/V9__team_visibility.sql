-- a team open to all agents: every agent sees its conversations, not only its members
ALTER TABLE team ADD COLUMN open_to_all_agents BOOLEAN DEFAULT FALSE NOT NULL;
-- queue pages of an agent who does not see everything: walked in keyset order, newest first, with the status
-- and the two columns the visibility rule reads in the index, so non-matching rows cost no table read and
-- the page stops after its rows (measured: a statuses-first index here makes MariaDB sort the whole queue)
CREATE INDEX ix_conversation_activity_visibility ON conversation (last_activity_at, id, status, team_id, assignee_id);
-- their counts: every row of the statuses, covered by the index
CREATE INDEX ix_conversation_status_activity_visibility ON conversation (status, last_activity_at, id, team_id, assignee_id);
