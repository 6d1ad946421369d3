package com.fxbank.exchange.domain;

import java.time.Duration;
import java.util.Currency;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the bank has decided about prices: which foreign currencies it trades with which spread, the limits of
 * one exchange, how old a mid rate may be to price on, and how long a quote lives.
 */
public record PricingTerms(Map<Currency, Integer> spreadBasisPoints, AmountLimits limits, Duration maxRateAge,
                           Duration quoteValidity) {

    public PricingTerms {
        spreadBasisPoints = Map.copyOf(spreadBasisPoints);
        Objects.requireNonNull(limits);
        Objects.requireNonNull(maxRateAge);
        Objects.requireNonNull(quoteValidity);
        spreadBasisPoints.forEach((currency, spread) -> {
            if (currency.equals(Pricing.KRW) || spread < 0 || spread >= 10_000) {
                throw new IllegalArgumentException("a traded foreign currency with a spread of 0 to 9999 bp, got "
                        + currency + " " + spread);
            }
        });
    }

    public Set<Currency> traded() {
        return spreadBasisPoints.keySet();
    }

    public int spreadBasisPoints(Currency currency) {
        return spreadBasisPoints.get(currency);
    }
}
