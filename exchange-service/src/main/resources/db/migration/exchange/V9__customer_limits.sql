-- What each customer has exchanged, per business day and per business year, in USD equivalent (docs/exchange-service.md,
-- "Customer limits"). An exchange adds its quote's usd_equivalent in the transaction that stores it STARTED, with a
-- guarded UPDATE (used + amount <= limit) so that concurrent exchanges, on one instance or several, can never both pass
-- the last of a limit; one that ends FAILED or FAILED_REFUNDED takes it back in the transaction that records that end.
ALTER TABLE quote ADD COLUMN usd_equivalent NUMERIC(19, 2);

CREATE TABLE customer_usage (
    owner        VARCHAR(64)    NOT NULL,
    period       VARCHAR(4)     NOT NULL,
    -- The business day, or the first day of the business year.
    period_start DATE           NOT NULL,
    used         NUMERIC(19, 2) NOT NULL,
    PRIMARY KEY (owner, period, period_start),
    CONSTRAINT customer_usage_period CHECK (period IN ('DAY', 'YEAR')),
    CONSTRAINT customer_usage_not_negative CHECK (used >= 0)
);
