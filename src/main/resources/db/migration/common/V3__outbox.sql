-- The outbox: an OUTBOUND message with delivery_status QUEUED is a pending delivery. The dispatcher
-- claims due rows (next_attempt_at <= now) with FOR UPDATE SKIP LOCKED, moves next_attempt_at forward
-- as a lease, sends outside the transaction and records the outcome here.
ALTER TABLE message ADD COLUMN delivery_attempts INT DEFAULT 0 NOT NULL;
ALTER TABLE message ADD COLUMN next_attempt_at ${timestamp};
ALTER TABLE message ADD COLUMN provider_message_id VARCHAR(255);
ALTER TABLE message ADD COLUMN delivery_error VARCHAR(1000);
UPDATE message SET next_attempt_at = created_at WHERE delivery_status = 'QUEUED';
CREATE INDEX ix_message_outbox_due ON message (delivery_status, next_attempt_at);
CREATE INDEX ix_message_provider_id ON message (provider_message_id);
