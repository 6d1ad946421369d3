package com.fxbank.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the outbox holds about the messages of one key (one exchange): when each was written, whether and when Kafka
 * acknowledged it and where it put it, or why it waits. For operators (issue 15); sent rows are kept for the outbox's
 * retention (7 days by default).
 */
public class OutboxLog {

    /** At most this many rows per key: an exchange has a handful; more would be a fault to look at elsewhere. */
    static final int MAX_ROWS = 100;

    private final JdbcClient jdbc;

    public OutboxLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
        return jdbc.sql("""
                        SELECT seq, id, topic, message_key, created_at, sent_at, kafka_partition, kafka_offset, attempts,
                               last_error, parked_at, released_by
                        FROM outbox_message WHERE message_key = :key ORDER BY seq FETCH FIRST :limit ROWS ONLY""")
                .param("key", key).param("limit", MAX_ROWS)
                .query(OutboxLog::row).list();
    }

    private static LoggedMessage row(ResultSet rs, int n) throws SQLException {
        return new LoggedMessage(rs.getLong("seq"), rs.getObject("id", UUID.class), rs.getString("topic"),
                rs.getString("message_key"), instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("sent_at")),
                rs.getObject("kafka_partition", Integer.class), rs.getObject("kafka_offset", Long.class),
                rs.getInt("attempts"), rs.getString("last_error"), instant(rs.getTimestamp("parked_at")),
                rs.getString("released_by"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
