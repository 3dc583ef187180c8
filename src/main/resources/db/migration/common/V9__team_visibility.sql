-- a team open to all agents: every agent sees its conversations, not only its members
ALTER TABLE team ADD COLUMN open_to_all_agents BOOLEAN DEFAULT FALSE NOT NULL;
-- queue pages of an agent who does not see everything: the keyset order first, then the two columns the
-- visibility rule reads, so rows are filtered inside the index without reading the table
CREATE INDEX ix_conversation_status_activity_visibility ON conversation (status, last_activity_at, id, team_id, assignee_id);
