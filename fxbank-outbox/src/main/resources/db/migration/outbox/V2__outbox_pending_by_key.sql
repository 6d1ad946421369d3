-- Finds whether a message for a key is still waiting to be sent (Outbox.enqueueUnlessPending).
CREATE INDEX outbox_message_by_key ON outbox_message (message_key, topic, sent_at);
