package com.fxbank.exchange.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.fxbank.common.money.Money;

/**
 * A price the server fixed for one customer (DESIGN B5): pair, side, rate, both amounts and an expiry.
 * The client refers to it by id and never sends a rate or an amount the server would trust.
 *
 * @param rate KRW per one unit of the foreign currency, the customer's rate (spread included)
 */
public record Quote(UUID id, String owner, Direction direction, Money fxAmount, Money krwAmount, BigDecimal rate,
                    Instant createdAt, Instant expiresAt) {

    public Quote {
        Objects.requireNonNull(id);
        Objects.requireNonNull(owner);
        Objects.requireNonNull(direction);
        Objects.requireNonNull(fxAmount);
        Objects.requireNonNull(krwAmount);
        Objects.requireNonNull(rate);
        Objects.requireNonNull(createdAt);
        Objects.requireNonNull(expiresAt);
        fxAmount.requirePositive();
        krwAmount.requirePositive();
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** What leaves the customer's source ledger. */
    public Money sourceAmount() {
        return direction == Direction.BUY ? krwAmount : fxAmount;
    }

    /** What arrives in the customer's target ledger. */
    public Money targetAmount() {
        return direction == Direction.BUY ? fxAmount : krwAmount;
    }
}
