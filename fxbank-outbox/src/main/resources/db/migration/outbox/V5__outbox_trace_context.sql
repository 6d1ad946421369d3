-- Issue 14: the trace of the transaction that wrote the row (W3C traceparent and baggage, see StoredTrace), so the
-- relay sends it as part of that trace whichever thread, instance or restart sends it. NULL: no tracer, or an older row.
ALTER TABLE outbox_message ADD COLUMN trace_context varchar(1024);
