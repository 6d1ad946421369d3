package com.fxbank.exchange.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.UUID;

import com.fxbank.common.money.Money;

/**
 * How a quote is priced. The rounding rule, written down once:
 * <ol>
 *   <li>the customer's rate is the mid rate plus the spread (BUY) or minus it (SELL), rounded
 *       half-even to {@value #RATE_SCALE} decimals;</li>
 *   <li>the customer names one amount exactly (in either currency); the other is that amount times (or
 *       divided by) the customer's rate, rounded <b>half-even</b> to its currency's minor unit — the
 *       nearest amount, ties to even, so that rounding favours neither the customer nor the bank;</li>
 *   <li>a quote whose computed amount rounds to zero is refused.</li>
 * </ol>
 */
public final class Pricing {

    public static final int RATE_SCALE = 4;
    private static final BigDecimal BASIS_POINTS = new BigDecimal("10000");
    public static final Currency KRW = Currency.getInstance("KRW");

    private Pricing() {
    }

    public static BigDecimal customerRate(Direction direction, BigDecimal midRate, int spreadBasisPoints) {
        BigDecimal spread = BigDecimal.valueOf(spreadBasisPoints).divide(BASIS_POINTS);
        BigDecimal factor = direction == Direction.BUY ? BigDecimal.ONE.add(spread) : BigDecimal.ONE.subtract(spread);
        return midRate.multiply(factor).setScale(RATE_SCALE, RoundingMode.HALF_EVEN);
    }

    /**
     * @param amount the amount the customer named: in the foreign currency or in KRW
     */
    public static Quote quote(String owner, Direction direction, Currency fxCurrency, Money amount, BigDecimal midRate,
                              int spreadBasisPoints, Instant now, Duration validity) {
        if (fxCurrency.equals(KRW)) {
            throw new IllegalArgumentException("the foreign currency of an exchange cannot be KRW");
        }
        if (!amount.currency().equals(fxCurrency) && !amount.currency().equals(KRW)) {
            throw new IllegalArgumentException("the amount must be in " + fxCurrency + " or KRW, got " + amount.currency());
        }
        amount.requirePositive();
        BigDecimal rate = customerRate(direction, midRate, spreadBasisPoints);
        Money fx;
        Money krw;
        if (amount.currency().equals(fxCurrency)) {
            fx = amount;
            krw = new Money(amount.amount().multiply(rate).setScale(Money.minorUnit(KRW), RoundingMode.HALF_EVEN), KRW);
        } else {
            krw = amount;
            fx = new Money(amount.amount().divide(rate, Money.minorUnit(fxCurrency), RoundingMode.HALF_EVEN), fxCurrency);
        }
        if (!fx.isPositive() || !krw.isPositive()) {
            throw new IllegalArgumentException("the amount is too small to exchange: " + amount + " gives " + fx + " for " + krw);
        }
        return new Quote(UUID.randomUUID(), owner, direction, fx, krw, rate, now, now.plus(validity));
    }
}
