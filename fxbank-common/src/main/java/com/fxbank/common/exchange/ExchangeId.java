package com.fxbank.common.exchange;

import java.util.Objects;
import java.util.UUID;

import com.fxbank.common.input.ClientInput;

/**
 * The saga's key, one type everywhere: the exchange service's exchanges, every ledger operation of an exchange
 * (DESIGN B2), and the key and payload of every Kafka message about it. On the wire it is the UUID's canonical
 * lower-case text, and {@link #parse} is the one place that text is checked.
 */
public record ExchangeId(UUID value) {

    public ExchangeId {
        Objects.requireNonNull(value, "exchangeId is required");
    }

    public static ExchangeId newId() {
        return new ExchangeId(UUID.randomUUID());
    }

    /** @throws IllegalArgumentException unless {@code text} is a UUID in canonical lower-case form */
    public static ExchangeId parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("exchangeId is required");
        }
        if (text.length() != 36) {
            throw invalid(text);
        }
        try {
            UUID uuid = UUID.fromString(text);
            if (!uuid.toString().equals(text)) {
                throw invalid(text);
            }
            return new ExchangeId(uuid);
        } catch (IllegalArgumentException e) {
            throw invalid(text);
        }
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("exchangeId must be a canonical lower-case UUID, got " + ClientInput.shown(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
