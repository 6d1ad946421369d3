package com.fxbank.exchange.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The FX desk's books as operators read them (docs/design.md, "The bank's books"): per currency, what the bank holds
 * from exchanges, valued at the current mid rate, and the spread earned in a period.
 *
 * <p>A position is the balance of the ledger's POSITION account in that currency: a customer's BUY of 100 USD for
 * 138,690 KRW raises the KRW position by 138,690 and lowers the USD position by 100 (the desk is short 100 USD); a
 * refund brings both back; top-ups move no position.
 */
public record Positions(Instant asOf, List<Position> positions, Spread spread) {

    public Positions {
        positions = List.copyOf(positions);
    }

    /**
     * @param midRate KRW per unit (1 for KRW); empty when the rate source has none, and then so is the value
     * @param limit   the configured limit of the position's size, in the currency, if any
     */
    public record Position(Currency currency, BigDecimal amount, Optional<BigDecimal> midRate,
                           Optional<BigDecimal> valueKrw, Optional<BigDecimal> limit) {

        /**
         * The value is a valuation of what the desk holds, not an amount anyone pays or gets, so it rounds to the won
         * half-even (no side to favour); the amounts customers pay and get are rounded by {@link Pricing} (§6).
         */
        public static Position valued(Currency currency, BigDecimal amount, Optional<BigDecimal> midRate,
                                      Optional<BigDecimal> limit) {
            return new Position(currency, amount, midRate,
                    midRate.map(mid -> amount.multiply(mid).setScale(Pricing.KRW.getDefaultFractionDigits(),
                            RoundingMode.HALF_EVEN)), limit);
        }

        /** Whether the position's size is beyond its limit, short or long. */
        public boolean beyondLimit() {
            return limit.map(most -> amount.abs().compareTo(most) > 0).orElse(false);
        }
    }

    /**
     * What the desk watches: every currency traded (KRW included), and how large the position in each may grow, long
     * or short, where a limit is configured.
     */
    public record Limits(Set<Currency> currencies, Map<Currency, BigDecimal> byCurrency) {
        public Limits {
            currencies = Set.copyOf(currencies);
            byCurrency = Map.copyOf(byCurrency);
        }
    }

    /**
     * The spread earned by the exchanges COMPLETED in [from, to), in KRW, exactly: for each, what the customer paid
     * minus the mid value of what they got (BUY), or the mid value of what they paid minus what they got (SELL), the mid
     * being the one its quote recorded. Refunded and failed exchanges earn nothing. {@code notValued}: completed
     * exchanges whose quote predates the recording of its mid rate, left out of the sum.
     */
    public record Spread(Instant from, Instant to, BigDecimal earnedKrw, long exchanges, long notValued) {
    }
}
