package com.fxbank.outbox;

import java.time.Instant;
import java.util.List;
import java.util.UUID;


/**
 * What the outbox holds about the messages of one key (one exchange): when each was written, whether and when Kafka
 * acknowledged it and where it put it, or why it waits. For operators; sent rows are kept for the outbox's
 * retention (7 days by default).
 */
public class OutboxLog {

    /** At most this many rows per key: an exchange has a handful; more would be a fault to look at elsewhere. */
    static final int MAX_ROWS = 100;

    private final OutboxRows rows;

    OutboxLog(OutboxRows rows) {
        this.rows = rows;
    }

    /**
     * One outbox row as an operator sees it (the payload stays in the table).
     *
     * @param partition where Kafka put it, null until acknowledged
     * @param offset    likewise
     */
    public record LoggedMessage(long seq, UUID id, String topic, String key, Instant createdAt, Instant sentAt,
                                Integer partition, Long offset, int attempts, String lastError, Instant parkedAt,
                                String releasedBy) {
    }

    /** The messages written with {@code key}, oldest first. */
    public List<LoggedMessage> withKey(String key) {
        return rows.withKey(key, MAX_ROWS);
    }
}
