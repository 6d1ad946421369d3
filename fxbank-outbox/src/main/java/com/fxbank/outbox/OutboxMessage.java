package com.fxbank.outbox;

import java.util.Objects;
import java.util.Optional;

/**
 * A message to publish once the transaction that wrote it has committed.
 *
 * @param payload    the encoded message (see {@code MessageCodec})
 * @param replyTopic where the receiver should answer, sent as the REPLY_TOPIC header, if any
 */
public record OutboxMessage(String topic, String key, String payload, Optional<String> replyTopic) {

    public OutboxMessage {
        Objects.requireNonNull(topic, "topic is required");
        Objects.requireNonNull(key, "key is required: every FxBank message is keyed (R5)");
        Objects.requireNonNull(payload, "payload is required");
        Objects.requireNonNull(replyTopic, "replyTopic is required (may be empty)");
    }

    public static OutboxMessage of(String topic, String key, String payload) {
        return new OutboxMessage(topic, key, payload, Optional.empty());
    }

    public static OutboxMessage request(String topic, String key, String payload, String replyTopic) {
        return new OutboxMessage(topic, key, payload, Optional.of(replyTopic));
    }
}
