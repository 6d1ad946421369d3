package com.fxbank.outbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import com.fxbank.messaging.StoredTrace;
import io.micrometer.observation.ObservationRegistry;
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
    private final OutboxRelay relay;
    private final Clock clock;
    private final ObservationRegistry observations;

    public Outbox(JdbcClient jdbc, OutboxRelay relay, Clock clock, ObservationRegistry observations) {
        this.jdbc = jdbc;
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
        StoredTrace.capture(observations, "fxbank.outbox.enqueue", message.topic(), traceContext -> jdbc.sql("""
                        INSERT INTO outbox_message (id, topic, message_key, payload, reply_topic, created_at, trace_context)
                        VALUES (:id, :topic, :key, :payload, :replyTopic, :createdAt, :traceContext)""")
                .param("id", id)
                .param("topic", message.topic())
                .param("key", message.key())
                .param("payload", message.payload())
                .param("replyTopic", message.replyTopic().orElse(null))
                .param("createdAt", Timestamp.from(clock.instant()))
                .param("traceContext", traceContext)
                .update());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();
            }
        });
        return id;
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
