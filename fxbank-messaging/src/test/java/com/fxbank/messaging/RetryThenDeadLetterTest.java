package com.fxbank.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * R7 through the real in-JVM KRaft broker: a record that keeps failing is tried four times (the first
 * delivery and three retries one second apart) and then lands in {@code <topic>.DLT}; a poison record
 * goes there at once; the records behind them on the same partition are still processed.
 */
@SpringBootTest(classes = RetryThenDeadLetterTest.App.class)
@EmbeddedKafka(partitions = 1,
        topics = {RetryThenDeadLetterTest.TOPIC, RetryThenDeadLetterTest.TOPIC + Topics.DEAD_LETTER_SUFFIX},
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class RetryThenDeadLetterTest {

    static final String TOPIC = "fxbank.test.cancel-requests";

    @Autowired
    KafkaTemplate<String, String> template;

    @Autowired
    RecordingListener listener;

    @Autowired
    EmbeddedKafkaBroker broker;

    private final MessageCodec codec = new MessageCodec();

    @Test
    void a_record_that_keeps_failing_is_retried_three_times_one_second_apart_then_dead_lettered_and_the_next_is_processed()
            throws Exception {
        String failing = UUID.randomUUID().toString();
        String next = UUID.randomUUID().toString();
        listener.alwaysFail(failing);

        // Same key: same partition, so the second record waits behind the first.
        template.send(TOPIC, "same-key", request(failing)).get(10, TimeUnit.SECONDS);
        template.send(TOPIC, "same-key", request(next)).get(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(30)).until(() -> listener.processed.contains(next));

        List<Long> attempts = listener.attemptTimesNanos(failing);
        assertThat(attempts).as("first delivery + 3 retries").hasSize(4);
        for (int i = 1; i < attempts.size(); i++) {
            assertThat(Duration.ofNanos(attempts.get(i) - attempts.get(i - 1)))
                    .as("pause before retry %d", i).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
        }
        ConsumerRecord<String, String> deadLetter = deadLetterFor(failing);
        assertThat(deadLetter.key()).isEqualTo("same-key");
        assertThat(header(deadLetter, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).contains("ledger unavailable");
        assertThat(header(deadLetter, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(TOPIC);
    }

    @Test
    void a_poison_record_goes_to_the_dead_letter_topic_at_once_and_the_next_is_processed() throws Exception {
        String next = UUID.randomUUID().toString();
        String poison = "{\"type\":\"WithdrawalCancelRequest\",\"version\":1,\"payload\":{\"exchangeId\":\"not-a-uuid\"}}";

        template.send(TOPIC, "poison-key", poison).get(10, TimeUnit.SECONDS);
        template.send(TOPIC, "poison-key", request(next)).get(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(30)).until(() -> listener.processed.contains(next));

        ConsumerRecord<String, String> deadLetter = awaitDeadLetter(r -> r.value().equals(poison));
        assertThat(listener.attemptsOfRaw(poison)).as("no retry for poison").isEqualTo(1);
        assertThat(header(deadLetter, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN)).isEqualTo(PoisonMessageException.class.getName());
        assertThat(header(deadLetter, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).contains("exchangeId must be a canonical lower-case UUID");
    }

    /**
     * A database failover once sent every record consumed during it to the DLT after 3 s. Now the listener waits for
     * the database, however many tries that takes, and the record is processed once it is back: no dead letter.
     */
    @Test
    void a_record_that_fails_because_the_database_is_away_waits_for_it_and_is_never_dead_lettered() throws Exception {
        String waiting = UUID.randomUUID().toString();
        listener.databaseAwayFor(waiting, 4);

        template.send(TOPIC, "db-key", request(waiting)).get(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(60)).until(() -> listener.processed.contains(waiting));
        assertThat(listener.attemptTimesNanos(waiting)).as("4 failures, more than the 3 retries, then success").hasSize(5);
        assertThat(deadLettersNow()).noneMatch(r -> r.value().contains(waiting));
    }

    private List<ConsumerRecord<String, String>> deadLettersNow() {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "dlt-reader-" + UUID.randomUUID(), false);
        props.putAll(SeedKafkaSettings.consumer());
        try (Consumer<String, String> consumer = new KafkaConsumer<>(props)) {
            return new ArrayList<>(KafkaTestUtils.getRecords(consumer(consumer), Duration.ofSeconds(5)).records(
                    new TopicPartition(Topics.deadLetterOf(TOPIC), 0)));
        }
    }

    private static Consumer<String, String> consumer(Consumer<String, String> consumer) {
        consumer.subscribe(List.of(Topics.deadLetterOf(TOPIC)));
        return consumer;
    }

    private String request(String exchangeId) {
        return codec.encode(new WithdrawalCancelRequest(exchangeId));
    }

    private ConsumerRecord<String, String> deadLetterFor(String exchangeId) {
        return awaitDeadLetter(r -> r.value().contains(exchangeId));
    }

    private ConsumerRecord<String, String> awaitDeadLetter(Predicate<ConsumerRecord<String, String>> match) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "dlt-reader-" + UUID.randomUUID(), false);
        props.putAll(SeedKafkaSettings.consumer());
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        try (Consumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(Topics.deadLetterOf(TOPIC)));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(match);
            });
        }
        return seen.stream().filter(match).findFirst().orElseThrow();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static class RecordingListener {
        record Attempt(String raw, long nanos) {
        }

        final List<Attempt> attempts = new CopyOnWriteArrayList<>();
        final List<String> processed = new CopyOnWriteArrayList<>();
        final List<String> failing = new CopyOnWriteArrayList<>();
        private final MessageCodec codec = new MessageCodec();

        final Map<String, AtomicInteger> databaseAway = new ConcurrentHashMap<>();

        void alwaysFail(String exchangeId) {
            failing.add(exchangeId);
        }

        void databaseAwayFor(String exchangeId, int failures) {
            databaseAway.put(exchangeId, new AtomicInteger(failures));
        }

        List<Long> attemptTimesNanos(String exchangeId) {
            return attempts.stream().filter(a -> a.raw().contains(exchangeId)).map(Attempt::nanos).toList();
        }

        long attemptsOfRaw(String raw) {
            return attempts.stream().filter(a -> a.raw().equals(raw)).count();
        }

        @KafkaListener(topics = TOPIC, groupId = "retry-test")
        void onMessage(String raw, Acknowledgment ack) {
            attempts.add(new Attempt(raw, System.nanoTime()));
            WithdrawalCancelRequest request = codec.decode(raw, WithdrawalCancelRequest.class);
            var away = databaseAway.get(request.exchangeId());
            if (away != null && away.getAndDecrement() > 0) {
                // What the transaction manager throws when it cannot get a connection.
                throw new CannotCreateTransactionException("Could not open JDBC Connection",
                        new SQLTransientConnectionException("Connection is not available, request timed out"));
            }
            if (failing.contains(request.exchangeId())) {
                throw new IllegalStateException("ledger unavailable for " + request.exchangeId());
            }
            processed.add(request.exchangeId());
            ack.acknowledge();
        }
    }

    @Configuration
    // A library's test, not a service: the token checks (which need an issuer) are not under test here.
    @EnableAutoConfiguration(excludeName = "com.fxbank.security.FxBankSecurityAutoConfiguration")
    static class App {
        @Bean
        RecordingListener recordingListener() {
            return new RecordingListener();
        }
    }
}
