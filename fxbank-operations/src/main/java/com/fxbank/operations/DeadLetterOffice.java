package com.fxbank.operations;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fxbank.common.operator.OperatorAction;

import com.fxbank.common.input.ClientInput;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dead letters of the topics this service consumes (every service serves its own, so an operator sees
 * all four): read with a throw-away consumer (no group, no offsets committed), newest first; replayed — given to the
 * consumer again by the service's {@link Redelivery} — at most once each, with the operator's reason in the
 * {@link OperatorJournal}: the replay's record, what the redelivery wrote and the journal line commit in one
 * transaction, so a redelivery that fails (the cause is not fixed) leaves no trace and may be tried again.
 */
public class DeadLetterOffice {

    /** The most records read from each partition of a dead-letter topic for one answer. */
    public static final int MAX_LIMIT = 500;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final List<String> topics;
    private final ConsumerFactory<String, String> consumers;
    private final Redelivery redelivery;
    private final OperatorJournal journal;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public DeadLetterOffice(List<String> topics, ConsumerFactory<String, String> consumers, Redelivery redelivery,
                            OperatorJournal journal, JdbcClient jdbc, TransactionTemplate transaction, Clock clock) {
        this.topics = List.copyOf(topics);
        this.consumers = consumers;
        this.redelivery = redelivery;
        this.journal = journal;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** The dead-letter topics an operator may read and replay from in this service. */
    public List<String> topics() {
        return topics;
    }

    /**
     * The newest {@code limit} records of a dead-letter topic, newest first, only those with {@code key} when it is
     * given (among the newest {@code limit} of each partition).
     *
     * @throws IllegalArgumentException for a topic that is not one of {@link #topics()} or a limit out of 1–500
     */
    public List<DeadLetter> newest(String topic, Optional<String> key, int limit) {
        requireKnown(topic);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        List<DeadLetter> letters = new ArrayList<>();
        try (Consumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, READ_TIMEOUT).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions, READ_TIMEOUT);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_TIMEOUT);
            for (TopicPartition partition : partitions) {
                consumer.seek(partition, Math.max(begins.get(partition), ends.get(partition) - limit));
            }
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (!reachedEnd(consumer, ends) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.isEmpty() || key.get().equals(record.key())) {
                        letters.add(toDeadLetter(record));
                    }
                }
            }
        }
        return letters.stream()
                .sorted(Comparator.comparing(DeadLetter::at).thenComparingLong(DeadLetter::offset).reversed())
                .limit(limit)
                .map(this::withReplay)
                .toList();
    }

    /** One record, with when it was replayed. */
    public Optional<DeadLetter> find(String topic, int partition, long offset) {
        requireKnown(topic);
        try (Consumer<String, String> consumer = consumer()) {
            // A partition the topic does not have would make the consumer wait for it until the timeout.
            boolean exists = consumer.partitionsFor(topic, READ_TIMEOUT).stream().anyMatch(info -> info.partition() == partition);
            if (!exists) {
                return Optional.empty();
            }
            TopicPartition tp = new TopicPartition(topic, partition);
            consumer.assign(List.of(tp));
            Long end = consumer.endOffsets(List.of(tp), READ_TIMEOUT).get(tp);
            if (end == null || offset >= end || offset < 0) {
                return Optional.empty();
            }
            consumer.seek(tp, offset);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == offset) {
                        return Optional.of(withReplay(toDeadLetter(record)));
                    }
                    if (record.offset() > offset) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.empty();
        }
    }

    public sealed interface ReplayResult {
        record Replayed(DeadLetter deadLetter, OperatorAction action) implements ReplayResult {
        }

        record AlreadyReplayed(Instant at) implements ReplayResult {
        }

        record NotFound() implements ReplayResult {
        }

        /** The consumer refused it again (its cause is not fixed): nothing was recorded; it may be replayed later. */
        record StillFailing(String cause) implements ReplayResult {
        }
    }

    /**
     * Publishes a dead letter again to the topic it came from, once its cause is fixed. At most once per record: a
     * second replay, even a concurrent one, finds the first's row and changes nothing.
     */
    public ReplayResult replay(String topic, int partition, long offset, String operator, String reason) {
        Optional<DeadLetter> found = find(topic, partition, offset);
        if (found.isEmpty()) {
            return new ReplayResult.NotFound();
        }
        DeadLetter letter = found.get();
        if (letter.replayedAt() != null) {
            return new ReplayResult.AlreadyReplayed(letter.replayedAt());
        }
        Instant now = clock.instant();
        try {
            return transaction.execute(status -> {
                jdbc.sql("""
                                INSERT INTO dead_letter_replay (topic, partition, record_offset, replayed_at)
                                VALUES (:topic, :partition, :offset, :now)""")
                        .param("topic", topic).param("partition", partition).param("offset", offset)
                        .param("now", Timestamp.from(now))
                        .update();
                redelivery.redeliver(letter);
                OperatorAction action = new OperatorAction(now, operator, OperatorAction.Kind.REPLAY_DEAD_LETTER,
                        letter.key() == null ? letter.coordinates() : letter.key(), reason,
                        "replayed " + letter.coordinates() + " (from " + letter.originalTopic() + ")");
                journal.append(action);
                return new ReplayResult.Replayed(letter.replayed(now), action);
            });
        } catch (DuplicateKeyException replayedMeanwhile) {
            return new ReplayResult.AlreadyReplayed(replayedAt(topic, partition, offset).orElse(now));
        } catch (RuntimeException refusedAgain) {
            return new ReplayResult.StillFailing(String.valueOf(refusedAgain.getMessage()));
        }
    }

    private DeadLetter withReplay(DeadLetter letter) {
        return replayedAt(letter.topic(), letter.partition(), letter.offset()).map(letter::replayed).orElse(letter);
    }

    private Optional<Instant> replayedAt(String topic, int partition, long offset) {
        return jdbc.sql("SELECT replayed_at FROM dead_letter_replay WHERE topic = :topic AND partition = :partition "
                        + "AND record_offset = :offset")
                .param("topic", topic).param("partition", partition).param("offset", offset)
                .query((rs, n) -> rs.getTimestamp(1).toInstant())
                .optional();
    }

    private void requireKnown(String topic) {
        if (!topics.contains(topic)) {
            throw new IllegalArgumentException("not a dead-letter topic this service consumes: "
                    + ClientInput.shown(topic) + "; known: " + topics);
        }
    }

    private Consumer<String, String> consumer() {
        return consumers.createConsumer("dead-letter-reader-" + UUID.randomUUID(), null);
    }

    private static boolean reachedEnd(Consumer<String, String> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    private static DeadLetter toDeadLetter(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            String value = new String(header.value(), StandardCharsets.UTF_8);
            if (header.key().endsWith("original-partition") || header.key().endsWith("original-offset")
                    || header.key().endsWith("original-timestamp")) {
                value = String.valueOf(decodeNumber(header.value()));
            }
            headers.put(header.key(), value);
        }
        return new DeadLetter(record.topic(), record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()),
                record.key(), record.value(), headers, null);
    }

    /** Spring Kafka writes these headers as big-endian int or long. */
    private static long decodeNumber(byte[] bytes) {
        long value = 0;
        for (byte b : bytes) {
            value = (value << 8) | (b & 0xFF);
        }
        return value;
    }
}
