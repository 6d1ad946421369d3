-- Claim-then-send (issue 13): a relay claims rows with a lease in a short transaction, sends them with no
-- transaction open, then marks each one. A row that keeps failing while others flow is parked with its reason.
ALTER TABLE outbox_message ADD COLUMN claimed_by VARCHAR(64);
ALTER TABLE outbox_message ADD COLUMN claimed_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE outbox_message ADD COLUMN attempts INT DEFAULT 0 NOT NULL;
ALTER TABLE outbox_message ADD COLUMN next_attempt_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE outbox_message ADD COLUMN last_error VARCHAR(255);
ALTER TABLE outbox_message ADD COLUMN parked_at TIMESTAMP WITH TIME ZONE;
-- Retention deletes sent rows by age.
CREATE INDEX outbox_message_sent ON outbox_message (sent_at);
