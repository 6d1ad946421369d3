package com.fxbank.exchange.domain;

import java.util.Map;

/** A record a consumer gave up on, as it lies in its {@code .DLT} topic with the reason in its headers. */
public record DeadLetter(String topic, int partition, long offset, String key, String value, Map<String, String> headers) {

    public String originalTopic() {
        return headers.get("kafka_dlt-original-topic");
    }
}
