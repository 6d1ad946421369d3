-- Quotes nobody exchanged are deleted some time after they expired (issue 13): one customer could otherwise
-- fill the disk with POST /quotes. Retention finds them by expiry.
CREATE INDEX quote_expires_at ON quote (expires_at);
-- When the attention alert of an exchange was last raised: raised again every fxbank.exchange.attention-realert
-- while the exchange is unfinished, by whichever instance claims it first.
ALTER TABLE exchange ADD COLUMN attention_raised_at TIMESTAMP WITH TIME ZONE;
