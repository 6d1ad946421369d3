package com.fxbank.exchange.application.port.in;

import java.util.Currency;
import java.util.Objects;

import com.fxbank.common.money.Money;
import com.fxbank.exchange.domain.Direction;
import com.fxbank.exchange.domain.Pricing;
import com.fxbank.exchange.domain.Quote;

public interface RequestQuoteUseCase {

    QuoteResult quote(QuoteCommand command);

    /** Buy or sell {@code currency}; {@code amount} is in that currency or in KRW. */
    record QuoteCommand(String owner, Direction direction, Currency currency, Money amount) {
        public QuoteCommand {
            Objects.requireNonNull(owner, "owner is required");
            Objects.requireNonNull(direction, "side is required");
            Objects.requireNonNull(currency, "currency is required");
            Objects.requireNonNull(amount, "amount is required");
            amount.requirePositive();
            if (!amount.currency().equals(currency) && !amount.currency().equals(Pricing.KRW)) {
                throw new IllegalArgumentException("the amount must be in " + currency + " or KRW, got " + amount.currency());
            }
        }
    }

    sealed interface QuoteResult {
        record Quoted(Quote quote) implements QuoteResult {
        }

        /** FxBank does not exchange this currency. */
        record NotTraded(Currency currency) implements QuoteResult {
        }

        /** An amount is below its currency's minimum or above its maximum, or rounds to nothing. */
        record OutsideLimits(String why) implements QuoteResult {
        }

        /** The exchange would take the customer past a daily or yearly limit ({@code why} names it and what is left). */
        record OverCustomerLimit(String why) implements QuoteResult {
        }

        /** No rate young enough to price on: the feed never answered, is unusable or stale. */
        record NoRate(String why) implements QuoteResult {
        }
    }
}
