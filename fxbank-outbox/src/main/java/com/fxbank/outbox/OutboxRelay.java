package com.fxbank.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import com.fxbank.messaging.MessageHeaders;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends unsent outbox rows to Kafka, oldest first, and marks them sent in the same database transaction
 * once the broker acknowledged every one of them ({@code acks=all}). If a send fails the transaction rolls
 * back and the rows are tried again; a row sent but not yet marked (a crash in between) is sent again,
 * which is why every consumer is idempotent. Rows are locked {@code FOR UPDATE SKIP LOCKED}, so several
 * instances of a service relay side by side without sending one row twice at the same time.
 *
 * <p>One thread per instance: woken right after a commit that wrote a row, and polling anyway as the
 * safety net for rows left by a crash or kept back while Kafka was down.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final KafkaTemplate<String, String> kafka;
    private final Clock clock;
    private final OutboxProperties properties;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private boolean wakeUpRequested;
    private volatile boolean running;
    private Thread thread;

    public OutboxRelay(JdbcClient jdbc, TransactionTemplate transaction, KafkaTemplate<String, String> kafka,
                       Clock clock, OutboxProperties properties) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.kafka = kafka;
        this.clock = clock;
        this.properties = properties;
    }

    /** Called after a commit that wrote a row: relay now rather than at the next poll. */
    public void wakeUp() {
        lock.lock();
        try {
            wakeUpRequested = true;
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Sends one batch; returns how many rows it sent. Public for tests and tools that drain on demand. */
    public int relayBatch() {
        Integer sent = transaction.execute(status -> {
            List<Row> rows = jdbc.sql("""
                            SELECT seq, id, topic, message_key, payload, reply_topic
                            FROM outbox_message
                            WHERE sent_at IS NULL
                            ORDER BY seq
                            LIMIT :batch
                            FOR UPDATE SKIP LOCKED""")
                    .param("batch", properties.batchSize())
                    .query((rs, n) -> new Row(rs.getLong("seq"), rs.getObject("id", UUID.class), rs.getString("topic"),
                            rs.getString("message_key"), rs.getString("payload"), rs.getString("reply_topic")))
                    .list();
            if (rows.isEmpty()) {
                return 0;
            }
            List<CompletableFuture<?>> acks = new ArrayList<>(rows.size());
            for (Row row : rows) {
                acks.add(kafka.send(row.toRecord()));
            }
            // Every row acknowledged by the broker, or an exception rolls the marking back.
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
            jdbc.sql("UPDATE outbox_message SET sent_at = :now WHERE seq IN (:seqs)")
                    .param("now", Timestamp.from(clock.instant()))
                    .param("seqs", rows.stream().map(Row::seq).toList())
                    .update();
            return rows.size();
        });
        return sent == null ? 0 : sent;
    }

    /** Rows not yet acknowledged by Kafka: zero at rest (the audit checks it). */
    public long pending() {
        return jdbc.sql("SELECT count(*) FROM outbox_message WHERE sent_at IS NULL").query(Long.class).single();
    }

    private void loop() {
        Duration backoff = properties.pollInterval();
        while (running) {
            try {
                int sent = relayBatch();
                backoff = properties.pollInterval();
                if (sent == properties.batchSize()) {
                    continue; // more may be waiting
                }
                awaitWork(properties.pollInterval());
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("outbox relay failed, the rows stay unsent and are retried in {} ms: {}",
                        backoff.toMillis(), e.toString());
                awaitWork(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private void awaitWork(Duration timeout) {
        lock.lock();
        try {
            if (!wakeUpRequested && running) {
                work.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            wakeUpRequested = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("outbox-relay").daemon().start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        wakeUp();
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Start after Kafka's own lifecycle beans, stop before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2000;
    }

    private record Row(long seq, UUID id, String topic, String key, String payload, String replyTopic) {
        ProducerRecord<String, String> toRecord() {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, payload);
            record.headers().add(MessageHeaders.MESSAGE_ID, id.toString().getBytes(StandardCharsets.UTF_8));
            if (replyTopic != null) {
                record.headers().add(MessageHeaders.REPLY_TOPIC, replyTopic.getBytes(StandardCharsets.UTF_8));
            }
            return record;
        }
    }
}
