package com.fxbank.outbox;

import static com.fxbank.outbox.OutboxRowState.PARKED;
import static com.fxbank.outbox.OutboxRowState.SENT;
import static com.fxbank.outbox.OutboxRowState.UNSENT;
import static com.fxbank.outbox.OutboxRowState.WAITING;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fxbank.messaging.MessageHeaders;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every statement on {@code outbox_message}, in the caller's transaction: what {@link Outbox} writes, what the
 * {@link OutboxRelay} claims and marks, what {@link OutboxLog} and {@link OutboxParking} show operators. A row's
 * states are {@link OutboxRowState}'s; a relay only ever changes the rows it claimed ({@code claimed_by = :me}).
 */
final class OutboxRows {

    private final JdbcClient jdbc;
    private final NamedParameterJdbcOperations batches;

    OutboxRows(JdbcClient jdbc, NamedParameterJdbcOperations batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    // ---- written by the business transaction

    private static final String INSERT = """
            INSERT INTO outbox_message (id, topic, message_key, payload, reply_topic, created_at, trace_context,
                                        claimed_by, claimed_until)
            VALUES (:id, :topic, :key, :payload, :replyTopic, :createdAt, :traceContext, :claimedBy, :claimedUntil)""";

    /**
     * A new row's values, for {@link #insert} or {@link #insertAll}: claimed from the start by the relay that will send it
     * after the commit ({@code birthClaim}), or by nobody (any relay's next poll claims it).
     */
    static MapSqlParameterSource newRow(Claimed row, Instant createdAt, Optional<BirthClaim> birthClaim) {
        return new MapSqlParameterSource()
                .addValue("id", row.id())
                .addValue("topic", row.topic())
                .addValue("key", row.key())
                .addValue("payload", row.payload())
                .addValue("replyTopic", row.replyTopic(), Types.VARCHAR)
                .addValue("createdAt", Timestamp.from(createdAt))
                .addValue("traceContext", row.traceContext(), Types.VARCHAR)
                .addValue("claimedBy", birthClaim.map(BirthClaim::relay).orElse(null), Types.VARCHAR)
                .addValue("claimedUntil", birthClaim.map(claim -> Timestamp.from(claim.until())).orElse(null),
                        Types.TIMESTAMP);
    }

    /** The claim a row is written with: the writing instance's relay sends it after the commit, no claim of its own. */
    record BirthClaim(String relay, Instant until) {
    }

    /** Returns the rows written: one. */
    int insert(MapSqlParameterSource row) {
        return jdbc.sql(INSERT).paramSource(row).update();
    }

    void insertAll(List<MapSqlParameterSource> rows) {
        batches.batchUpdate(INSERT, rows.toArray(MapSqlParameterSource[]::new));
    }

    /** Whether a row with this topic and key is not acknowledged yet (waiting or parked). */
    boolean hasUnsent(String topic, String key) {
        return jdbc.sql("SELECT COUNT(*) FROM outbox_message WHERE message_key = :key AND topic = :topic AND " + UNSENT)
                .param("key", key).param("topic", topic)
                .query(Long.class).single() > 0;
    }

    // ---- the relay's: claim, release, renew, mark

    /** A row a relay claimed (or was handed, claimed at birth): what it sends. The relay knows its rows by id. */
    record Claimed(UUID id, String topic, String key, String payload, String replyTopic, int attempts,
                   String traceContext) {

        /** A row being written: never tried yet. */
        static Claimed born(UUID id, OutboxMessage message, String traceContext) {
            return new Claimed(id, message.topic(), message.key(), message.payload(), message.replyTopic().orElse(null),
                    0, traceContext);
        }

        ProducerRecord<String, String> toRecord() {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, payload);
            record.headers().add(MessageHeaders.MESSAGE_ID, id.toString().getBytes(StandardCharsets.UTF_8));
            if (replyTopic != null) {
                record.headers().add(MessageHeaders.REPLY_TOPIC, replyTopic.getBytes(StandardCharsets.UTF_8));
            }
            return record;
        }
    }

    /**
     * Locks up to {@code batch} waiting rows that are due and claimed by nobody, oldest first, skipping rows another
     * relay is locking, and claims them for {@code relay} until {@code until}. In one transaction (the caller's).
     */
    List<Claimed> claim(String relay, Instant now, Instant until, int batch) {
        List<Claimed> rows = jdbc.sql("SELECT id, topic, message_key, payload, reply_topic, attempts, trace_context "
                        + "FROM outbox_message WHERE " + WAITING.predicate() + """
                         AND (next_attempt_at IS NULL OR next_attempt_at <= :now)
                         AND (claimed_until IS NULL OR claimed_until < :now)
                        ORDER BY seq
                        LIMIT :batch
                        FOR UPDATE SKIP LOCKED""")
                .param("now", Timestamp.from(now))
                .param("batch", batch)
                .query((rs, n) -> new Claimed(rs.getObject("id", UUID.class), rs.getString("topic"),
                        rs.getString("message_key"), rs.getString("payload"), rs.getString("reply_topic"),
                        rs.getInt("attempts"), rs.getString("trace_context")))
                .list();
        if (!rows.isEmpty()) {
            jdbc.sql("UPDATE outbox_message SET claimed_by = :me, claimed_until = :until WHERE id IN (:ids)")
                    .param("me", relay)
                    .param("until", Timestamp.from(until))
                    .param("ids", rows.stream().map(Claimed::id).toList())
                    .update();
        }
        return rows;
    }

    /** Gives back rows this relay claimed and did not try: any relay may claim them at once. */
    void unclaim(String relay, List<UUID> ids) {
        jdbc.sql("UPDATE outbox_message SET claimed_by = NULL, claimed_until = NULL WHERE id IN (:ids) AND claimed_by = :me")
                .param("ids", ids).param("me", relay).update();
    }

    /** Gives back every unsent row this relay still claims. */
    void unclaimAll(String relay) {
        jdbc.sql("UPDATE outbox_message SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = :me AND " + UNSENT)
                .param("me", relay).update();
    }

    void renewClaims(String relay, List<UUID> ids, Instant until) {
        jdbc.sql("UPDATE outbox_message SET claimed_until = :until WHERE id IN (:ids) AND claimed_by = :me")
                .param("until", Timestamp.from(until)).param("ids", ids).param("me", relay).update();
    }

    /**
     * Marks the acknowledged rows sent, each with the partition and offset Kafka gave it (where an operator finds the
     * record), in one statement.
     */
    void markSent(String relay, Map<UUID, RecordMetadata> acknowledged, Instant now) {
        StringBuilder partitions = new StringBuilder("CASE id");
        StringBuilder offsets = new StringBuilder("CASE id");
        Map<String, Object> params = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<UUID, RecordMetadata> row : acknowledged.entrySet()) {
            RecordMetadata where = row.getValue();
            partitions.append(" WHEN :s").append(i).append(" THEN CAST(:p").append(i).append(" AS INTEGER)");
            offsets.append(" WHEN :s").append(i).append(" THEN CAST(:o").append(i).append(" AS BIGINT)");
            params.put("s" + i, row.getKey());
            params.put("p" + i, where == null ? null : where.partition());
            params.put("o" + i, where == null || !where.hasOffset() ? null : where.offset());
            i++;
        }
        jdbc.sql("UPDATE outbox_message SET sent_at = :now, claimed_by = NULL, claimed_until = NULL, kafka_partition = "
                        + partitions + " END, kafka_offset = " + offsets + " END WHERE id IN (:ids) AND claimed_by = :me")
                .params(params)
                .param("now", Timestamp.from(now)).param("ids", List.copyOf(acknowledged.keySet())).param("me", relay)
                .update();
    }

    /** A failed send: its tries, when it is due again, why, and whether it is parked now; the claim goes. */
    void markFailed(String relay, UUID id, int attempts, Instant dueAgain, String reason, Optional<Instant> parkedAt) {
        jdbc.sql("""
                        UPDATE outbox_message
                        SET attempts = :attempts, next_attempt_at = :next, last_error = :reason, parked_at = :parked,
                            claimed_by = NULL, claimed_until = NULL
                        WHERE id = :id AND claimed_by = :me""")
                .param("attempts", attempts)
                .param("next", Timestamp.from(dueAgain))
                .param("reason", reason)
                .param("parked", parkedAt.map(Timestamp::from).orElse(null), Types.TIMESTAMP)
                .param("id", id)
                .param("me", relay)
                .update();
    }

    /** The row's number, which operators use (the parked list, its release); empty when it is gone. */
    Optional<Long> seqOf(UUID id) {
        return jdbc.sql("SELECT seq FROM outbox_message WHERE id = :id").param("id", id).query(Long.class).optional();
    }

    /** Every waiting row still in its retry pause is due now (Kafka is back); returns how many. */
    int makeWaitingDue(Instant now) {
        return jdbc.sql("UPDATE outbox_message SET next_attempt_at = NULL WHERE " + WAITING.predicate()
                + " AND next_attempt_at > :now").param("now", Timestamp.from(now)).update();
    }

    /** Deletes up to {@code batch} rows sent before {@code cutoff}; returns how many. */
    int deleteSentBefore(Instant cutoff, int batch) {
        return jdbc.sql("DELETE FROM outbox_message WHERE seq IN (SELECT seq FROM outbox_message WHERE " + SENT.predicate()
                        + " AND sent_at < :cutoff FETCH FIRST " + batch + " ROWS ONLY)")
                .param("cutoff", Timestamp.from(cutoff)).update();
    }

    // ---- what the gauges and the health read

    long unsent() {
        return jdbc.sql("SELECT count(*) FROM outbox_message WHERE " + UNSENT).query(Long.class).single();
    }

    long count(OutboxRowState state) {
        return jdbc.sql("SELECT count(*) FROM outbox_message WHERE " + state.predicate()).query(Long.class).single();
    }

    /** When the oldest waiting row was written; empty when none waits. */
    Optional<Instant> oldestWaiting() {
        return jdbc.sql("SELECT MIN(created_at) FROM outbox_message WHERE " + WAITING.predicate())
                .query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    // ---- what operators read and do

    private static final String OPERATORS_COLUMNS = "seq, id, topic, message_key, created_at, sent_at, kafka_partition, "
            + "kafka_offset, attempts, last_error, parked_at, released_at, released_by";

    /** The rows written with {@code key}, oldest first. */
    List<OutboxLog.LoggedMessage> withKey(String key, int limit) {
        return jdbc.sql("SELECT " + OPERATORS_COLUMNS + " FROM outbox_message WHERE message_key = :key ORDER BY seq "
                        + "FETCH FIRST :limit ROWS ONLY")
                .param("key", key).param("limit", limit)
                .query(OutboxRows::logged).list();
    }

    /** Parked rows, oldest first. */
    List<OutboxParking.ParkedMessage> parked(int limit) {
        return jdbc.sql("SELECT " + OPERATORS_COLUMNS + " FROM outbox_message WHERE " + PARKED.predicate()
                        + " ORDER BY seq FETCH FIRST :limit ROWS ONLY")
                .param("limit", limit).query(OutboxRows::parked).list();
    }

    /**
     * Releases a parked row: back to WAITING with its tries and pause cleared, and who released it, when and why;
     * empty when no parked row has that number.
     */
    Optional<OutboxParking.ParkedMessage> release(long seq, Instant now, String operator, String reason) {
        int released = jdbc.sql("UPDATE outbox_message SET parked_at = NULL, attempts = 0, next_attempt_at = NULL, "
                        + "released_at = :now, released_by = :operator, release_reason = :reason "
                        + "WHERE seq = :seq AND " + PARKED.predicate())
                .param("now", Timestamp.from(now))
                .param("operator", operator)
                .param("reason", reason)
                .param("seq", seq)
                .update();
        if (released == 0) {
            return Optional.empty();
        }
        return Optional.of(jdbc.sql("SELECT " + OPERATORS_COLUMNS + " FROM outbox_message WHERE seq = :seq")
                .param("seq", seq).query(OutboxRows::parked).single());
    }

    private static OutboxLog.LoggedMessage logged(ResultSet rs, int n) throws SQLException {
        return new OutboxLog.LoggedMessage(rs.getLong("seq"), rs.getObject("id", UUID.class), rs.getString("topic"),
                rs.getString("message_key"), instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("sent_at")),
                rs.getObject("kafka_partition", Integer.class), rs.getObject("kafka_offset", Long.class),
                rs.getInt("attempts"), rs.getString("last_error"), instant(rs.getTimestamp("parked_at")),
                rs.getString("released_by"));
    }

    private static OutboxParking.ParkedMessage parked(ResultSet rs, int n) throws SQLException {
        return new OutboxParking.ParkedMessage(rs.getLong("seq"), rs.getObject("id", UUID.class), rs.getString("topic"),
                rs.getString("message_key"), rs.getInt("attempts"), rs.getString("last_error"),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("parked_at")),
                instant(rs.getTimestamp("released_at")), rs.getString("released_by"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
