-- a customer erased on request stays as a tombstone: no name, identities or attributes, only when
ALTER TABLE customer ADD COLUMN erased_at ${timestamp};
