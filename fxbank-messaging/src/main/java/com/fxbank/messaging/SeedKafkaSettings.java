package com.fxbank.messaging;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The client settings the seed prescribes, in one place, for Spring's factories and for plain clients
 * (tools, tests) alike.
 */
public final class SeedKafkaSettings {

    /** Retry interval and count of a failing record before it goes to its dead-letter topic (R7). */
    public static final long RETRY_INTERVAL_MS = 1000L;
    public static final long RETRY_ATTEMPTS = 3L;

    private SeedKafkaSettings() {
    }

    /**
     * R4: no duplicate, no reordering and no loss from the producer's own retries. {@code acks=all} only
     * protects anything when topics have replication factor 3 and {@code min.insync.replicas=2}.
     */
    public static Map<String, Object> producer() {
        return Map.of(
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    }

    /**
     * R6: offsets are committed by the listener container only after the listener acknowledged, that is
     * after the business change committed. A new consumer group starts from the earliest offset, so a
     * service that joins late still sees the requests sent before it existed (R8).
     *
     * <p>FxBank's own addition: a 10 s session timeout (Kafka's default is 45 s), so that the partitions of
     * an instance that died without leaving its group (kill -9, a lost host) go to the other instances
     * after 10 s. The fault suite measured the 45 s: refunds and replies waited that long behind a killed
     * instance's partitions.
     */
    public static Map<String, Object> consumer() {
        return Map.of(
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    }
}
