-- Which keys channel secrets are encrypted with. Each secret carries its key's id in its value
-- ("v2:<key id>:<ciphertext>"); this table lists the ids of the keys nodes have encrypted with, newest
-- last, so that a node started with another key refuses to start instead of writing secrets the other
-- nodes cannot read (see README, Two or more nodes). A key id is a fingerprint of the key, not the key.
CREATE TABLE secret_key (
    key_id        VARCHAR(16)  NOT NULL PRIMARY KEY,
    registered_at ${timestamp} NOT NULL
) ${table_options};
