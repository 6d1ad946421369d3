-- An operator sends a parked row again through the operator API (issue 13); who did it, when and why stay on the row.
ALTER TABLE outbox_message ADD COLUMN released_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE outbox_message ADD COLUMN released_by VARCHAR(255);
ALTER TABLE outbox_message ADD COLUMN release_reason VARCHAR(500);
-- The operator's list and the parked gauge read parked rows. (Portable SQL: no partial index on H2.)
CREATE INDEX outbox_message_parked ON outbox_message (parked_at);
