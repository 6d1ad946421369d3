package com.fxbank.account.domain;

import java.util.Objects;
import java.util.UUID;

/** The saga's key: every ledger operation of one exchange carries it (DESIGN B2). */
public record ExchangeId(UUID value) {

    public ExchangeId {
        Objects.requireNonNull(value, "exchangeId is required");
    }

    public static ExchangeId parse(String text) {
        try {
            UUID uuid = UUID.fromString(text);
            if (!uuid.toString().equals(text)) {
                throw new IllegalArgumentException();
            }
            return new ExchangeId(uuid);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("exchangeId must be a canonical lower-case UUID, got '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
