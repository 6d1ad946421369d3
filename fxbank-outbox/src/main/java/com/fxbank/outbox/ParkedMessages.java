package com.fxbank.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.fxbank.common.operator.OperatorAction;
import com.fxbank.outbox.ops.OperatorJournal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rows the relay parked (a topic it may not write, a record Kafka refuses, a row failing alone for
 * {@code park-after} tries): what an operator reads, and the one way to send such a row again once its cause is
 * fixed. A release clears the row's tries and pause, records who released it, when and why, and wakes the relay;
 * the row then goes through the relay like any other (claimed, sent, marked), so it is never sent twice at once.
 */
public class ParkedMessages {

    private static final Logger log = LoggerFactory.getLogger(ParkedMessages.class);

    private final JdbcClient jdbc;
    private final OutboxRelay relay;
    private final Clock clock;
    private final OperatorJournal journal;
    private final TransactionTemplate transaction;

    public ParkedMessages(JdbcClient jdbc, OutboxRelay relay, Clock clock, OperatorJournal journal,
                          TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.relay = relay;
        this.clock = clock;
        this.journal = journal;
        this.transaction = transaction;
    }

    /** A parked row as an operator sees it (the payload stays in the table). */
    public record ParkedMessage(long seq, UUID id, String topic, String key, int attempts, String lastError,
                                Instant createdAt, Instant parkedAt, Instant releasedAt, String releasedBy) {
    }

    /** Parked rows, oldest first. */
    public List<ParkedMessage> list(int limit) {
        return jdbc.sql(SELECT + " WHERE parked_at IS NOT NULL AND sent_at IS NULL ORDER BY seq FETCH FIRST :limit ROWS ONLY")
                .param("limit", limit).query(ParkedMessages::row).list();
    }

    /**
     * Sends a parked row again; empty when no parked row has that number (never parked, already released, sent).
     * Releasing twice is therefore harmless: the second finds nothing parked. The release and its line in the
     * {@link OperatorJournal} commit together.
     */
    public Optional<ParkedMessage> release(long seq, String operator, String reason) {
        Optional<ParkedMessage> released = transaction.execute(status -> releaseRow(seq, operator, reason));
        released.ifPresent(row -> {
            log.warn("outbox row {} (topic {}, key {}) RELEASED by {} to be sent again: {}", seq, row.topic(), row.key(),
                    operator, reason);
            relay.wakeUp();
        });
        return released;
    }

    private Optional<ParkedMessage> releaseRow(long seq, String operator, String reason) {
        Instant now = clock.instant();
        int released = jdbc.sql("""
                        UPDATE outbox_message
                        SET parked_at = NULL, attempts = 0, next_attempt_at = NULL,
                            released_at = :now, released_by = :operator, release_reason = :reason
                        WHERE seq = :seq AND parked_at IS NOT NULL AND sent_at IS NULL""")
                .param("now", Timestamp.from(now))
                .param("operator", operator)
                .param("reason", reason)
                .param("seq", seq)
                .update();
        if (released == 0) {
            return Optional.empty();
        }
        ParkedMessage row = jdbc.sql(SELECT + " WHERE seq = :seq").param("seq", seq).query(ParkedMessages::row).single();
        journal.append(new OperatorAction(now, operator, OperatorAction.Kind.RELEASE_PARKED,
                row.key() == null ? "outbox/" + seq : row.key(), reason,
                "outbox row " + seq + " to " + row.topic() + " released after " + row.attempts() + " failed send(s)"));
        return Optional.of(row);
    }

    private static final String SELECT = """
            SELECT seq, id, topic, message_key, attempts, last_error, created_at, parked_at, released_at, released_by
            FROM outbox_message""";

    private static ParkedMessage row(ResultSet rs, int n) throws SQLException {
        return new ParkedMessage(rs.getLong("seq"), rs.getObject("id", UUID.class), rs.getString("topic"),
                rs.getString("message_key"), rs.getInt("attempts"), rs.getString("last_error"),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("parked_at")),
                instant(rs.getTimestamp("released_at")), rs.getString("released_by"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
