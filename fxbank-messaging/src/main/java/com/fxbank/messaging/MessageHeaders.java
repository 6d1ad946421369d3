package com.fxbank.messaging;

import org.springframework.kafka.support.KafkaHeaders;

/** Header names every FxBank message may carry (DESIGN.md §7). */
public final class MessageHeaders {

    /** Where the answer to a request goes; the seed's {@code KafkaHeaders.REPLY_TOPIC}. */
    public static final String REPLY_TOPIC = KafkaHeaders.REPLY_TOPIC;

    /** A unique id per message (the outbox row's id), for tracing and duplicate detection. */
    public static final String MESSAGE_ID = "fxbank_messageId";

    private MessageHeaders() {
    }
}
