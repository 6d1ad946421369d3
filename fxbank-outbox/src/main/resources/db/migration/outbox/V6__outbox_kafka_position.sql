-- Issue 15: where Kafka put each sent message (its partition and offset, as the broker acknowledged them), so an
-- operator finds the record of a refund's request or reply. NULL: not sent yet, or sent before this column.
ALTER TABLE outbox_message ADD COLUMN kafka_partition INTEGER;
ALTER TABLE outbox_message ADD COLUMN kafka_offset BIGINT;
