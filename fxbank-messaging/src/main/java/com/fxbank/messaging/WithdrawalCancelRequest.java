package com.fxbank.messaging;

import com.fxbank.common.exchange.ExchangeId;

/**
 * The exchange service asks the source ledger to cancel the withdrawal of one exchange (seed R1).
 * Sent to {@link Ledger#withdrawalCancelRequestTopic()}, key = exchangeId, header REPLY_TOPIC.
 */
@MessageType(name = "WithdrawalCancelRequest", version = 1)
public record WithdrawalCancelRequest(String exchangeId) {

    public WithdrawalCancelRequest {
        ExchangeId.parse(exchangeId);
    }
}
