package com.fxbank.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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

    private String request(String exchangeId) {
        return codec.encode(new WithdrawalCancelRequest(exchangeId));
    }

    private ConsumerRecord<String, String> deadLetterFor(String exchangeId) {
        return awaitDeadLetter(r -> r.value().contains(exchangeId));
    }

    private ConsumerRecord<String, String> awaitDeadLetter(java.util.function.Predicate<ConsumerRecord<String, String>> match) {
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

        void alwaysFail(String exchangeId) {
            failing.add(exchangeId);
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
            if (failing.contains(request.exchangeId())) {
                throw new IllegalStateException("ledger unavailable for " + request.exchangeId());
            }
            processed.add(request.exchangeId());
            ack.acknowledge();
        }
    }

    @Configuration
    @EnableAutoConfiguration
    static class App {
        @Bean
        RecordingListener recordingListener() {
            return new RecordingListener();
        }
    }
}
