package com.fxbank.exchange.application.port.in;

import java.util.Currency;
import java.util.Objects;

import com.fxbank.common.money.Money;
import com.fxbank.exchange.domain.Direction;
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
        }
    }

    sealed interface QuoteResult {
        record Quoted(Quote quote) implements QuoteResult {
        }

        record NotPriced(Currency currency) implements QuoteResult {
        }

        record OutsideLimits(String why) implements QuoteResult {
        }
    }
}
