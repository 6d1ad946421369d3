package com.fxbank.operations;

import java.time.Instant;
import java.util.Map;

/**
 * A record a consumer gave up on, as it lies in its {@code .DLT} topic ({@code at}: its Kafka timestamp) with the reason
 * in its headers, and when an operator replayed it (null while not).
 */
public record DeadLetter(String topic, int partition, long offset, Instant at, String key, String value, Map<String, String> headers,
                         Instant replayedAt) {

    public String originalTopic() {
        return headers.get("kafka_dlt-original-topic");
    }

    /** Why the consumer gave up, as Spring Kafka wrote it. */
    public String cause() {
        return headers.getOrDefault("kafka_dlt-exception-message", headers.get("kafka_dlt-exception-fqcn"));
    }

    /** Where it lies, as the actions log names it: {@code topic/partition/offset}. */
    public String coordinates() {
        return topic + "/" + partition + "/" + offset;
    }

    DeadLetter replayed(Instant when) {
        return new DeadLetter(topic, partition, offset, at, key, value, headers, when);
    }
}
