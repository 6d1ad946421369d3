package com.fxbank.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param pollInterval     how often the relay looks for rows nobody woke it for (after a crash, while Kafka was down)
 * @param batchSize        rows claimed at once
 * @param lease            how long a claim keeps other instances off a row; renewed every third of it while the row's
 *                         send has no outcome yet, so a live relay keeps its rows (no row is sent by two relays at
 *                         once) and the rows of a relay that died are sent by another one lease later
 * @param retryFirst       the pause before a failed row is tried again, doubled each time up to {@code retryLongest}
 * @param retryLongest     the longest pause between two tries of one row
 * @param parkAfter        tries after which a row that fails while other rows reach Kafka is parked (with an alert)
 * @param retention        how long a sent row is kept (for operators and the console) before it is deleted
 * @param retentionBatch   sent rows deleted per statement, so that retention never holds long locks
 */
@ConfigurationProperties("fxbank.outbox")
public record OutboxProperties(
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("200") int batchSize,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("1s") Duration retryFirst,
        @DefaultValue("30s") Duration retryLongest,
        @DefaultValue("10") int parkAfter,
        @DefaultValue("7d") Duration retention,
        @DefaultValue("1000") int retentionBatch) {

    /** The pause before try {@code attempts + 1} of a row. */
    public Duration retryDelay(int attempts) {
        Duration delay = retryFirst;
        for (int i = 1; i < attempts && delay.compareTo(retryLongest) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(retryLongest) > 0 ? retryLongest : delay;
    }
}
