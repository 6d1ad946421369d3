package com.fxbank.messaging;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes and reads FxBank messages as JSON envelopes:
 * <pre>{"type":"WithdrawalCancelRequest","version":1,"payload":{...}}</pre>
 * Anything that is not such an envelope of the expected type and version, or whose payload fails the
 * record's own validation, is a {@link PoisonMessageException}: never a crash, never a retry.
 */
public final class MessageCodec {

    private final JsonMapper mapper;

    public MessageCodec() {
        this(JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build());
    }

    MessageCodec(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public String encode(Object message) {
        MessageType type = typeOf(message.getClass());
        ObjectNode envelope = mapper.createObjectNode();
        envelope.put("type", type.name());
        envelope.put("version", type.version());
        envelope.set("payload", mapper.valueToTree(message));
        return mapper.writeValueAsString(envelope);
    }

    public <T> T decode(String json, Class<T> expected) {
        MessageType type = typeOf(expected);
        if (json == null || json.isBlank()) {
            throw new PoisonMessageException("empty message, expected " + type.name());
        }
        JsonNode envelope;
        try {
            envelope = mapper.readTree(json);
        } catch (JacksonException e) {
            throw new PoisonMessageException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (envelope == null || !envelope.isObject()) {
            throw new PoisonMessageException("not a message envelope: " + abbreviate(json));
        }
        String actualType = envelope.path("type").asString(null);
        if (!type.name().equals(actualType)) {
            throw new PoisonMessageException("unexpected message type '" + actualType + "', expected " + type.name());
        }
        JsonNode version = envelope.path("version");
        if (!version.isIntegralNumber() || version.asInt() != type.version()) {
            throw new PoisonMessageException("unsupported version " + version + " of " + type.name()
                    + ", this service reads version " + type.version());
        }
        JsonNode payload = envelope.get("payload");
        if (payload == null || !payload.isObject()) {
            throw new PoisonMessageException(type.name() + " without a payload object");
        }
        try {
            return mapper.treeToValue(payload, expected);
        } catch (JacksonException e) {
            // Also the records' own validation: their constructors throw, Jackson wraps.
            throw new PoisonMessageException("invalid " + type.name() + ": " + rootMessage(e), e);
        }
    }

    private static MessageType typeOf(Class<?> messageClass) {
        MessageType type = messageClass.getAnnotation(MessageType.class);
        if (type == null) {
            throw new IllegalArgumentException(messageClass.getName() + " is not a message: no @MessageType");
        }
        return type;
    }

    /** The record's own complaint if it had one, else what Jackson found wrong. */
    private static String rootMessage(JacksonException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (!(cause instanceof JacksonException)) {
                return cause.getMessage();
            }
        }
        return e.getOriginalMessage();
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
