package com.fxbank.messaging;

import com.fxbank.common.exchange.ExchangeId;

/**
 * An exchange that ran out of attempts and needs an operator, published to {@link Topics#ALERTS}, key =
 * exchangeId. Retries go on; the alert says a human should look.
 */
@MessageType(name = "ExchangeAlert", version = 1)
public record ExchangeAlert(String exchangeId, String state, String reason, int attempts) {

    public ExchangeAlert {
        ExchangeId.parse(exchangeId);
    }
}
