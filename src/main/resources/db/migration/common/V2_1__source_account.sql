-- the connected account (mailbox name, page id, X user id) a message came in through or leaves by
ALTER TABLE conversation ADD COLUMN source_account VARCHAR(200);
ALTER TABLE message ADD COLUMN source_account VARCHAR(200);
