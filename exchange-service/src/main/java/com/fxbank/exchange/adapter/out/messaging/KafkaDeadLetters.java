package com.fxbank.exchange.adapter.out.messaging;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fxbank.common.stereotype.MessagingAdapter;
import com.fxbank.exchange.domain.DeadLetter;
import com.fxbank.exchange.application.port.out.DeadLetterPort;
import com.fxbank.exchange.application.port.out.ExchangeStore;
import com.fxbank.messaging.Ledger;
import com.fxbank.messaging.Topics;
import com.fxbank.outbox.Outbox;
import com.fxbank.outbox.OutboxMessage;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.ConsumerFactory;

/** Reads dead-letter topics with a throw-away consumer (no group offsets) and replays through the outbox. */
@MessagingAdapter
class KafkaDeadLetters implements DeadLetterPort {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final ConsumerFactory<String, String> consumers;
    private final Outbox outbox;
    private final JdbcClient jdbc;
    private final Clock clock;

    KafkaDeadLetters(ConsumerFactory<String, String> consumers, Outbox outbox, JdbcClient jdbc, Clock clock) {
        this.consumers = consumers;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public List<String> topics() {
        return List.of(Topics.deadLetterOf(Ledger.KRW_ACCOUNT.withdrawalCancelResponseTopic()),
                Topics.deadLetterOf(Ledger.FX_ACCOUNT.withdrawalCancelResponseTopic()));
    }

    @Override
    public List<DeadLetter> read(String topic, int limit) {
        try (Consumer<String, String> consumer = consumers.createConsumer("dead-letter-reader-" + UUID.randomUUID(), null)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, READ_TIMEOUT).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_TIMEOUT);
            List<DeadLetter> letters = new ArrayList<>();
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (letters.size() < limit && !reachedEnd(consumer, ends) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (letters.size() < limit) {
                        letters.add(toDeadLetter(record));
                    }
                }
            }
            return letters;
        }
    }

    @Override
    public Optional<DeadLetter> find(String topic, int partition, long offset) {
        try (Consumer<String, String> consumer = consumers.createConsumer("dead-letter-reader-" + UUID.randomUUID(), null)) {
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
                        return Optional.of(toDeadLetter(record));
                    }
                    if (record.offset() > offset) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.empty();
        }
    }

    @Override
    public void replay(DeadLetter deadLetter) {
        try {
            jdbc.sql("""
                            INSERT INTO dead_letter_replay (topic, partition, record_offset, replayed_at)
                            VALUES (:topic, :partition, :offset, :now)""")
                    .param("topic", deadLetter.topic())
                    .param("partition", deadLetter.partition())
                    .param("offset", deadLetter.offset())
                    .param("now", Timestamp.from(clock.instant()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new ExchangeStore.AlreadyExistsException("dead letter " + deadLetter.topic() + "/"
                    + deadLetter.partition() + "/" + deadLetter.offset() + " was replayed before");
        }
        outbox.enqueue(OutboxMessage.of(deadLetter.originalTopic(), deadLetter.key(), deadLetter.value()));
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
        return new DeadLetter(record.topic(), record.partition(), record.offset(), record.key(), record.value(), headers);
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
