package com.fxbank.outbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

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

    public Outbox(JdbcClient jdbc, OutboxRelay relay, Clock clock) {
        this.jdbc = jdbc;
        this.relay = relay;
        this.clock = clock;
    }

    /** Must run inside the business transaction; there is deliberately no way to call it outside one. */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID enqueue(OutboxMessage message) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO outbox_message (id, topic, message_key, payload, reply_topic, created_at)
                        VALUES (:id, :topic, :key, :payload, :replyTopic, :createdAt)""")
                .param("id", id)
                .param("topic", message.topic())
                .param("key", message.key())
                .param("payload", message.payload())
                .param("replyTopic", message.replyTopic().orElse(null))
                .param("createdAt", Timestamp.from(clock.instant()))
                .update();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();
            }
        });
        return id;
    }
}
