-- The wallboard's grouped counts read only these indexes (no table rows): open conversations per
-- team with assignee and waiting time, and the escalated SLA clocks by level.
CREATE INDEX ix_conversation_wallboard ON conversation (status, team_id, assignee_id, last_customer_message_at, created_at);
CREATE INDEX ix_sla_clock_wallboard ON sla_clock (escalation_level, conversation_id);
