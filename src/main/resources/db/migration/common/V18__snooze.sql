-- Snooze (issue 15): a conversation parked until a time and/or until the customer replies leaves the queues
-- and comes back by itself. (V18: the version given to this branch.)

-- when it wakes (null: no time set)
ALTER TABLE conversation ADD COLUMN snoozed_until ${timestamp};
-- it wakes when the customer writes again (a customer message always wakes a snoozed conversation)
ALTER TABLE conversation ADD COLUMN snoozed_until_reply BOOLEAN DEFAULT FALSE NOT NULL;

-- the wake round reads the due ones in time order
CREATE INDEX ix_conversation_snoozed_until ON conversation (snoozed_until);
