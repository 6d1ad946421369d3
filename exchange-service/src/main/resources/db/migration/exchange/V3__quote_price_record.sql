-- A quote records where its price came from (DESIGN §6): the mid rate with its source and as-of time, the
-- spread, and which amount the customer named, so that the audit can recompute every price.
-- Quotes written before this migration have NULLs here: the audit names them as not checkable.
ALTER TABLE quote ADD COLUMN mid_rate NUMERIC(19, 6);
ALTER TABLE quote ADD COLUMN rate_source VARCHAR(64);
ALTER TABLE quote ADD COLUMN rate_as_of TIMESTAMP WITH TIME ZONE;
ALTER TABLE quote ADD COLUMN spread_bp INTEGER;
ALTER TABLE quote ADD COLUMN named_amount VARCHAR(10);
ALTER TABLE quote ADD CONSTRAINT quote_named_amount CHECK (named_amount IN ('FX_AMOUNT', 'KRW_AMOUNT'));
