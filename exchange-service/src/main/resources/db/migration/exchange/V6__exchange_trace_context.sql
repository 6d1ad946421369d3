-- Issue 14: the trace of the request that started the exchange (W3C traceparent and baggage), so that recovery
-- continues it whenever and wherever it drives the exchange. NULL: no tracer, or an exchange from before.
ALTER TABLE exchange ADD COLUMN trace_context varchar(1024);
