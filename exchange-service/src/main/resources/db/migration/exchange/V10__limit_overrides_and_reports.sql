-- A customer's own limits, set by an operator with a reason in place of the bank's defaults (docs/exchange-service.md,
-- "Customer limits"). The guarded UPDATE of customer_usage reads them in the same statement, so a change applies to
-- the very next exchange on every instance. Every change is also in operator_action.
CREATE TABLE customer_limit (
    owner  VARCHAR(64)              NOT NULL PRIMARY KEY,
    daily  NUMERIC(19, 2)           NOT NULL,
    yearly NUMERIC(19, 2)           NOT NULL,
    reason VARCHAR(500)             NOT NULL,
    set_by VARCHAR(64)              NOT NULL,
    set_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT customer_limit_positive CHECK (daily > 0 AND yearly >= daily)
);

-- What a customer's exchanges that completed came to on a business day (DAY rows; YEAR rows keep 0), added in the
-- transaction that records each completion: the customer-day threshold of the large-exchange report reads it.
ALTER TABLE customer_usage ADD COLUMN completed NUMERIC(19, 2) DEFAULT 0 NOT NULL;
-- The exchanges that completed before this migration, each in the business day it started (in the configured zone).
UPDATE customer_usage SET completed = (
    SELECT COALESCE(SUM(q.usd_equivalent), 0)
    FROM exchange e JOIN quote q ON q.id = e.quote_id
    WHERE e.owner = customer_usage.owner AND e.state = 'COMPLETED' AND q.usd_equivalent IS NOT NULL
      AND CAST(e.created_at AT TIME ZONE '${business_zone}' AS DATE) = customer_usage.period_start)
WHERE period = 'DAY';
