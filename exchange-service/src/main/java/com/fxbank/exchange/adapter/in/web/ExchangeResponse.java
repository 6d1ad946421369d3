package com.fxbank.exchange.adapter.in.web;

import java.time.Instant;
import java.util.List;

import com.fxbank.common.money.Money;
import com.fxbank.exchange.domain.Exchange;
import com.fxbank.exchange.domain.ExchangeState;
import com.fxbank.exchange.domain.StateChange;

/**
 * An exchange as a customer sees it. {@code outcome} tells the truth in one word: COMPLETED, FAILED,
 * FAILED_REFUND_PENDING (the deposit was refused, the refund is on its way), FAILED_REFUNDED, or
 * PENDING (the outcome of a step is not known yet; poll the exchange).
 */
record ExchangeResponse(String id, String outcome, String state, String reason, String side, String currency,
                        String rate, String midRate, String rateSource, Instant rateAsOf, Amount youPay, Amount youGet,
                        boolean needsAttention, Instant createdAt, Instant updatedAt, List<Step> history, String customer) {

    record Amount(String amount, String currency) {
        static Amount of(Money money) {
            return new Amount(money.amount().toPlainString(), money.currency().getCurrencyCode());
        }
    }

    record Step(String from, String to, String reason, Instant at) {
    }

    static ExchangeResponse of(Exchange exchange, List<StateChange> history) {
        return new ExchangeResponse(exchange.id().toString(), outcome(exchange.state()), exchange.state().name(),
                exchange.reason().orElse(null), exchange.direction().name(),
                exchange.quote().fxAmount().currency().getCurrencyCode(), exchange.quote().rate().toPlainString(),
                exchange.quote().mid().krwPerUnit().toPlainString(), exchange.quote().mid().source(),
                exchange.quote().mid().asOf(), Amount.of(exchange.sourceAmount()), Amount.of(exchange.targetAmount()), exchange.needsAttention(),
                exchange.createdAt(), exchange.updatedAt(),
                history.stream().map(h -> new Step(h.from() == null ? null : h.from().name(), h.to().name(), h.reason(), h.at()))
                        .toList(), exchange.owner());
    }

    static String outcome(ExchangeState state) {
        return switch (state) {
            case COMPLETED -> "COMPLETED";
            case FAILED -> "FAILED";
            case CANCELING_WITHDRAWAL -> "FAILED_REFUND_PENDING";
            case FAILED_REFUNDED -> "FAILED_REFUNDED";
            case STARTED, WITHDRAWAL_UNKNOWN, WITHDRAWN, DEPOSIT_UNKNOWN -> "PENDING";
        };
    }

    boolean pending() {
        return "PENDING".equals(outcome);
    }
}
