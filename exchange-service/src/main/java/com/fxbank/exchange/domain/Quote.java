package com.fxbank.exchange.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.fxbank.common.money.Money;

/**
 * A price the server fixed for one customer (DESIGN B5): pair, side, the mid rate with its source and
 * as-of time, the spread, the customer's rate, both amounts and an expiry. The client refers to it by id and
 * never sends a rate or an amount the server would trust.
 *
 * @param named             which of the two amounts the customer named; the other was computed by {@link Pricing}
 * @param rate              KRW per one unit of the foreign currency, the customer's rate (spread included)
 * @param spreadBasisPoints the bank's margin on the mid rate that gave {@code rate}
 * @param usdEquivalent     what the exchange counts against the customer's limits ({@link CustomerLimits}): the
 *                          foreign amount in USD at the mid rates of the moment, rounded up to the cent
 */
public record Quote(UUID id, String owner, Direction direction, Money fxAmount, Money krwAmount, Named named,
                    BigDecimal rate, int spreadBasisPoints, MidRate mid, Instant createdAt, Instant expiresAt,
                    Money usdEquivalent) {

    /** The amount the customer asked for exactly. */
    public enum Named {
        FX_AMOUNT, KRW_AMOUNT
    }

    public Quote {
        Objects.requireNonNull(id);
        Objects.requireNonNull(owner);
        Objects.requireNonNull(direction);
        Objects.requireNonNull(fxAmount);
        Objects.requireNonNull(krwAmount);
        Objects.requireNonNull(named);
        Objects.requireNonNull(rate);
        Objects.requireNonNull(mid);
        Objects.requireNonNull(createdAt);
        Objects.requireNonNull(expiresAt);
        Objects.requireNonNull(usdEquivalent);
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
