-- Customers' accounts of one ledger. Portable SQL: runs on PostgreSQL and on the embedded H2
-- (PostgreSQL mode) of the quick start.
CREATE TABLE account (
    id         UUID                     NOT NULL PRIMARY KEY,
    owner      VARCHAR(64)              NOT NULL,
    currency   CHAR(3)                  NOT NULL,
    balance    NUMERIC(19, 4)           NOT NULL DEFAULT 0,
    opened_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT account_balance_never_negative CHECK (balance >= 0),
    CONSTRAINT account_one_per_owner_and_currency UNIQUE (owner, currency)
);
