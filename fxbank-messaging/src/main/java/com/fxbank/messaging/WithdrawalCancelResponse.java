package com.fxbank.messaging;

import java.util.Objects;

import com.fxbank.common.exchange.ExchangeId;

/**
 * The ledger's answer to a {@link WithdrawalCancelRequest} (seed R2), sent to the request's REPLY_TOPIC,
 * key = exchangeId. A repeated request gets the same answer.
 */
@MessageType(name = "WithdrawalCancelResponse", version = 1)
public record WithdrawalCancelResponse(String exchangeId, Outcome outcome) {

    public enum Outcome {
        /** The withdrawal was found and its amount credited back, once. */
        REFUNDED,
        /** No withdrawal was ever applied; a tombstone now refuses any late one. */
        NOTHING_WITHDRAWN
    }

    public WithdrawalCancelResponse {
        ExchangeId.parse(exchangeId);
        Objects.requireNonNull(outcome, "outcome is required");
    }
}
