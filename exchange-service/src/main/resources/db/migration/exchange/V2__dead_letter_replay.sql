-- Each dead letter is replayed at most once; the row is written with the outbox message that replays it.
CREATE TABLE dead_letter_replay (
    topic       VARCHAR(249)             NOT NULL,
    partition   INTEGER                  NOT NULL,
    record_offset BIGINT                 NOT NULL,
    replayed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (topic, partition, record_offset)
);
