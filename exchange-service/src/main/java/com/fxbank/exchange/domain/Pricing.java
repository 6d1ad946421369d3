package com.fxbank.exchange.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.Optional;
import java.util.UUID;

import com.fxbank.common.money.Money;

/**
 * How a quote is priced. The rule, written down once: <b>every rounding is in the bank's favour, and never by
 * more than one minor unit.</b>
 * <ol>
 *   <li>The customer's rate is the mid rate plus the spread (BUY: the customer pays KRW per unit) or minus
 *       it (SELL: the customer receives KRW per unit), rounded to {@value #RATE_SCALE} decimals up for a BUY
 *       and down for a SELL.</li>
 *   <li>The customer names one amount exactly, in either currency. The other is that amount times (or divided
 *       by) the customer's rate, rounded to its currency's minor unit: <b>up</b> when it is what the customer
 *       pays, <b>down</b> when it is what the customer gets.</li>
 *   <li>So every quote's effective rate (KRW amount ÷ foreign amount) is at or above the mid rate for a BUY and
 *       at or below it for a SELL: no sequence of exchanges gains a customer anything.</li>
 *   <li>An amount that rounds to nothing is not a quote.</li>
 * </ol>
 * (Half-even rounding, the earlier rule, let a customer buy 0.01 USD for 7 KRW and sell it for 20.)
 */
public final class Pricing {

    public static final int RATE_SCALE = 4;
    public static final Currency KRW = Currency.getInstance("KRW");
    private static final BigDecimal BASIS_POINTS = new BigDecimal("10000");
    /** What the customer pays is rounded up, what the customer gets is rounded down. */
    private static final RoundingMode PAYS = RoundingMode.CEILING;
    private static final RoundingMode GETS = RoundingMode.FLOOR;

    private Pricing() {
    }

    public static BigDecimal customerRate(Direction direction, BigDecimal midRate, int spreadBasisPoints) {
        if (spreadBasisPoints < 0 || spreadBasisPoints >= 10_000) {
            throw new IllegalArgumentException("a spread is 0 to 9999 basis points, got " + spreadBasisPoints);
        }
        BigDecimal spread = BigDecimal.valueOf(spreadBasisPoints).divide(BASIS_POINTS);
        return direction == Direction.BUY
                ? midRate.multiply(BigDecimal.ONE.add(spread)).setScale(RATE_SCALE, PAYS)
                : midRate.multiply(BigDecimal.ONE.subtract(spread)).setScale(RATE_SCALE, GETS);
    }

    /** {@link #quote(String, Direction, Money, MidRate, MidRate, int, Instant, Duration)} of a USD quote. */
    public static Optional<Quote> quote(String owner, Direction direction, Money amount, MidRate usdMid,
                                        int spreadBasisPoints, Instant now, Duration validity) {
        return quote(owner, direction, amount, usdMid, usdMid, spreadBasisPoints, now, validity);
    }

    /**
     * @param amount the amount the customer named: in the foreign currency or in KRW
     * @param usdMid the mid rate of USD at the same moment, for the quote's USD equivalent ({@code mid} itself for USD)
     * @return the quote, or empty when the computed amount rounds to nothing
     */
    public static Optional<Quote> quote(String owner, Direction direction, Money amount, MidRate mid, MidRate usdMid,
                                        int spreadBasisPoints, Instant now, Duration validity) {
        if (!usdMid.currency().equals(CustomerLimits.USD)) {
            throw new IllegalArgumentException("a quote's USD equivalent needs the USD mid rate, got " + usdMid.currency());
        }
        Currency fxCurrency = mid.currency();
        if (fxCurrency.equals(KRW)) {
            throw new IllegalArgumentException("the foreign currency of an exchange cannot be KRW");
        }
        if (!amount.currency().equals(fxCurrency) && !amount.currency().equals(KRW)) {
            throw new IllegalArgumentException("the amount must be in " + fxCurrency + " or KRW, got " + amount.currency());
        }
        amount.requirePositive();
        BigDecimal rate = customerRate(direction, mid.krwPerUnit(), spreadBasisPoints);
        boolean buy = direction == Direction.BUY;
        Money fx;
        Money krw;
        Quote.Named named;
        if (amount.currency().equals(fxCurrency)) {
            named = Quote.Named.FX_AMOUNT;
            fx = amount;
            krw = new Money(fx.amount().multiply(rate).setScale(Money.minorUnit(KRW), buy ? PAYS : GETS), KRW);
        } else {
            named = Quote.Named.KRW_AMOUNT;
            krw = amount;
            fx = new Money(krw.amount().divide(rate, Money.minorUnit(fxCurrency), buy ? GETS : PAYS), fxCurrency);
        }
        if (!fx.isPositive() || !krw.isPositive()) {
            return Optional.empty();
        }
        return Optional.of(new Quote(UUID.randomUUID(), owner, direction, fx, krw, named, rate, spreadBasisPoints,
                mid, now, now.plus(validity), usdEquivalent(fx, mid, usdMid)));
    }

    /**
     * {@code fx} in USD at the mid rates (KRW per unit of each): exact for USD, otherwise rounded <b>up</b> to the cent,
     * so that no rounding lets a customer's exchanges add up to more than their limits.
     */
    public static Money usdEquivalent(Money fx, MidRate mid, MidRate usdMid) {
        if (fx.currency().equals(CustomerLimits.USD)) {
            return fx;
        }
        return new Money(fx.amount().multiply(mid.krwPerUnit())
                .divide(usdMid.krwPerUnit(), Money.minorUnit(CustomerLimits.USD), RoundingMode.CEILING), CustomerLimits.USD);
    }
}
