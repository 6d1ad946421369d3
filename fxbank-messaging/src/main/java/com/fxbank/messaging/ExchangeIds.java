package com.fxbank.messaging;

import java.util.UUID;

/** Exchange ids are UUIDs, in their canonical lower-case text form, on the wire and in every ledger. */
public final class ExchangeIds {

    private ExchangeIds() {
    }

    public static String requireValid(String exchangeId) {
        if (exchangeId == null || exchangeId.isBlank()) {
            throw new IllegalArgumentException("exchangeId is required");
        }
        try {
            if (!UUID.fromString(exchangeId).toString().equals(exchangeId)) {
                throw new IllegalArgumentException("exchangeId must be a canonical lower-case UUID: " + exchangeId);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("exchangeId must be a UUID: " + exchangeId, e);
        }
        return exchangeId;
    }
}
