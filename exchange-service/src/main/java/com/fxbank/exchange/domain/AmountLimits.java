package com.fxbank.exchange.domain;

import java.util.Currency;
import java.util.Map;
import java.util.Optional;

import com.fxbank.common.money.Money;

/** The smallest and the largest amount of each currency one exchange may move, on either side. */
public record AmountLimits(Map<Currency, Range> ranges) {

    public record Range(Money min, Money max) {
        public Range {
            if (!min.isPositive() || min.compareTo(max) > 0) {
                throw new IllegalArgumentException("a range needs 0 < min <= max, got " + min + " to " + max);
            }
        }
    }

    public AmountLimits {
        ranges = Map.copyOf(ranges);
    }

    /** Why {@code amount} is outside its currency's limits, if it is. */
    public Optional<String> refusal(Money amount) {
        Range range = ranges.get(amount.currency());
        if (range == null) {
            return Optional.of("FxBank sets no limits for " + amount.currency() + " and does not exchange it");
        }
        if (amount.compareTo(range.min()) < 0) {
            return Optional.of("the smallest exchange is " + range.min() + "; this one is " + amount);
        }
        if (amount.compareTo(range.max()) > 0) {
            return Optional.of("the largest exchange is " + range.max() + "; this one is " + amount);
        }
        return Optional.empty();
    }

    /** The first refusal of a quote's two amounts, the one the customer named first. */
    public Optional<String> refusal(Quote quote) {
        Money named = quote.named() == Quote.Named.FX_AMOUNT ? quote.fxAmount() : quote.krwAmount();
        Money computed = quote.named() == Quote.Named.FX_AMOUNT ? quote.krwAmount() : quote.fxAmount();
        return refusal(named).or(() -> refusal(computed));
    }
}
