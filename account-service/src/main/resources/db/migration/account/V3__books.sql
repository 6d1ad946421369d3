-- The bank's own books (docs/design.md, "The bank's books"). Every customer entry is one leg of a posting; its other
-- leg, the opposite amount in the same currency, is a row here on one of the bank's accounts: POSITION (the FX desk:
-- withdrawals, deposits, refunds) or FUNDING (the world outside: top-ups). Written in the transaction of the entry.
-- The bank's accounts keep no stored balance: a balance is the sum of its legs, so no exchange waits on a bank row's
-- lock, and a bank account may go negative (a short position) with no check to bypass.
-- Portable SQL: PostgreSQL and the H2 of the quick start.
CREATE TABLE posting_leg (
    entry_id     BIGINT                   NOT NULL PRIMARY KEY REFERENCES ledger_entry (id),
    bank_account VARCHAR(16)              NOT NULL,
    currency     CHAR(3)                  NOT NULL,
    amount       NUMERIC(19, 4)           NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT posting_leg_bank_account CHECK (bank_account IN ('POSITION', 'FUNDING')),
    CONSTRAINT posting_leg_nonzero CHECK (amount <> 0)
);

-- An upgrade that balances: every entry written by the previous version gets its counter-leg, so the books balance
-- from the first minute. Top-ups came from the world outside; the saga's entries moved the desk's position.
INSERT INTO posting_leg (entry_id, bank_account, currency, amount, created_at)
SELECT e.id, CASE WHEN e.kind = 'TOP_UP' THEN 'FUNDING' ELSE 'POSITION' END, a.currency, -e.amount, e.created_at
FROM ledger_entry e JOIN account a ON a.id = e.account_id;

