-- API tokens: what a token may do (comma-separated scopes: ingest, read, write, admin; null = all, as before)
-- and when it stops working (null = never).
ALTER TABLE api_token ADD COLUMN scopes VARCHAR(100);
ALTER TABLE api_token ADD COLUMN expires_at ${timestamp};
