-- How far quote retention got (issue 13). Quotes an exchange used are kept for good, so a retention that looked at
-- every expired quote each run would read more and more of them for ever; it looks only at quotes that expired
-- after the point it last finished. (No exchange can use a quote after it expired, so that range is final.)
CREATE TABLE retention_watermark (
    name VARCHAR(64)              NOT NULL PRIMARY KEY,
    upto TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO retention_watermark (name, upto) VALUES ('unused-quotes', TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00');
