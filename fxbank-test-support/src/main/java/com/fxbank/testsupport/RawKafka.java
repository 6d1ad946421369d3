package com.fxbank.testsupport;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plain Kafka clients, as any outside producer or consumer would use them: tests publish requests
 * (duplicates and poison included) and read what the services answered, without going through the
 * services' own code.
 */
public final class RawKafka {

    private final String bootstrapServers;

    public RawKafka(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Publishes one record, with a REPLY_TOPIC header unless {@code replyTopic} is null, and waits for the ack. */
    public void publish(String topic, String key, String value, String replyTopic) {
        publish(topic, key, value, replyTopic, Map.of());
    }

    /** As {@link #publish(String, String, String, String)}, with more headers (UTF-8 values). */
    public void publish(String topic, String key, String value, String replyTopic, Map<String, String> headers) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
            if (replyTopic != null) {
                record.headers().add("kafka_replyTopic", replyTopic.getBytes(StandardCharsets.UTF_8));
            }
            headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    /** Reads {@code topic} from the beginning until {@code count} records with {@code key} arrived. */
    public List<ConsumerRecord<String, String>> awaitRecords(String topic, String key, int count) {
        return awaitRecords(topic, Set.of(key), count);
    }

    /** Reads {@code topic} from the beginning until {@code count} records with any of {@code keys} arrived. */
    public List<ConsumerRecord<String, String>> awaitRecords(String topic, Collection<String> keys, int count) {
        List<ConsumerRecord<String, String>> matching = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (keys.contains(record.key())) {
                        matching.add(record);
                    }
                }
                return matching.size() >= count;
            });
        }
        return matching;
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
