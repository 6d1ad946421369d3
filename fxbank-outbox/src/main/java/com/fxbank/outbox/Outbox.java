package com.fxbank.outbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fxbank.messaging.StoredTrace;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * DESIGN B1: the only way an FxBank service publishes. The message is a row written in the caller's
 * transaction, so it exists exactly when the state change that caused it exists; the {@link OutboxRelay}
 * sends it after the commit (at once, or by its poller after a crash or while Kafka is down) and marks it
 * sent only after the broker acknowledged it. A plain {@code kafkaTemplate.send()} after the commit would
 * lose the message when the process dies in between.
 */
public class Outbox {

    private final JdbcClient jdbc;
    private final NamedParameterJdbcOperations batches;
    private final OutboxRelay relay;
    private final Clock clock;
    private final ObservationRegistry observations;

    public Outbox(JdbcClient jdbc, NamedParameterJdbcOperations batches, OutboxRelay relay, Clock clock,
                  ObservationRegistry observations) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.relay = relay;
        this.clock = clock;
        this.observations = observations;
    }

    /**
     * Must run inside the business transaction; there is deliberately no way to call it outside one. The row keeps the
     * current trace (a span {@code fxbank.outbox.enqueue} of it), which the relay continues when it sends the row.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID enqueue(OutboxMessage message) {
        UUID id = UUID.randomUUID();
        StoredTrace.capture(observations, "fxbank.outbox.enqueue", message.topic(), traceContext -> jdbc.sql(INSERT)
                .paramSource(row(id, message, traceContext))
                .update());
        wakeTheRelayAfterCommit();
        return id;
    }

    /**
     * Issue 16: many messages of one transaction written in one batched statement. Each {@link Batch#add} takes the
     * current trace (a span {@code fxbank.outbox.enqueue}, as {@link #enqueue} does), so a batch consumer adds each
     * message inside its record's span; {@link Batch#write} writes them all, still inside the business transaction.
     */
    public Batch batch() {
        return new Batch();
    }

    public final class Batch {
        private final List<MapSqlParameterSource> rows = new ArrayList<>();

        private Batch() {
        }

        public void add(OutboxMessage message) {
            StoredTrace.capture(observations, "fxbank.outbox.enqueue", message.topic(),
                    traceContext -> rows.add(row(UUID.randomUUID(), message, traceContext)));
        }

        /** Writes what was added, in the caller's transaction (there must be one). */
        public void write() {
            if (rows.isEmpty()) {
                return;
            }
            if (!TransactionSynchronizationManager.isActualTransactionActive()) {
                throw new org.springframework.transaction.IllegalTransactionStateException(
                        "an outbox batch is written in the business transaction, and there is none");
            }
            batches.batchUpdate(INSERT, rows.toArray(MapSqlParameterSource[]::new));
            rows.clear();
            wakeTheRelayAfterCommit();
        }
    }

    private static final String INSERT = """
            INSERT INTO outbox_message (id, topic, message_key, payload, reply_topic, created_at, trace_context)
            VALUES (:id, :topic, :key, :payload, :replyTopic, :createdAt, :traceContext)""";

    private MapSqlParameterSource row(UUID id, OutboxMessage message, String traceContext) {
        return new MapSqlParameterSource()
                .addValue("id", id)
                .addValue("topic", message.topic())
                .addValue("key", message.key())
                .addValue("payload", message.payload())
                .addValue("replyTopic", message.replyTopic().orElse(null), java.sql.Types.VARCHAR)
                .addValue("createdAt", Timestamp.from(clock.instant()))
                .addValue("traceContext", traceContext, java.sql.Types.VARCHAR);
    }

    private void wakeTheRelayAfterCommit() {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();
            }
        });
    }

    /**
     * Like {@link #enqueue}, unless a message with the same topic and key is still waiting to be sent: for
     * messages sent again in case an earlier one was lost downstream. While the earlier one has not even
     * left the outbox (Kafka is down), another copy adds nothing but a backlog — the fault suite saw a
     * one-minute Kafka outage pile up ten copies per waiting exchange. Empty when nothing was written.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<UUID> enqueueUnlessPending(OutboxMessage message) {
        boolean pending = jdbc.sql("""
                        SELECT COUNT(*) FROM outbox_message
                        WHERE message_key = :key AND topic = :topic AND sent_at IS NULL""")
                .param("key", message.key())
                .param("topic", message.topic())
                .query(Long.class).single() > 0;
        return pending ? Optional.empty() : Optional.of(enqueue(message));
    }
}
