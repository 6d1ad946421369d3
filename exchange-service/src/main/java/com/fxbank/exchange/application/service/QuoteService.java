package com.fxbank.exchange.application.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.Optional;

import com.fxbank.common.stereotype.UseCase;
import com.fxbank.exchange.application.port.in.RequestQuoteUseCase;
import com.fxbank.exchange.application.port.out.QuoteStore;
import com.fxbank.exchange.application.port.out.RateSource;
import com.fxbank.exchange.application.port.out.RateSource.RateLookup;
import com.fxbank.exchange.domain.CustomerLimits;
import com.fxbank.exchange.domain.MidRate;
import com.fxbank.exchange.domain.Pricing;
import com.fxbank.exchange.domain.PricingTerms;
import com.fxbank.exchange.domain.Quote;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Prices a quote: only currencies FxBank trades, only on a rate younger than the allowed age, only amounts
 * within each currency's limits, rounded by {@link Pricing}'s rule.
 */
@UseCase
class QuoteService implements RequestQuoteUseCase {

    private final RateSource rates;
    private final QuoteStore quotes;
    private final PricingTerms terms;
    private final CustomerUsage usage;
    private final TransactionTemplate transaction;
    private final Clock clock;

    QuoteService(RateSource rates, QuoteStore quotes, PricingTerms terms, CustomerUsage usage,
                 TransactionTemplate transaction, Clock clock) {
        this.rates = rates;
        this.quotes = quotes;
        this.terms = terms;
        this.usage = usage;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Override
    public QuoteResult quote(QuoteCommand command) {
        if (!terms.traded().contains(command.currency())) {
            return new QuoteResult.NotTraded(command.currency());
        }
        var limits = terms.limits();
        Optional<String> named = limits.refusal(command.amount());
        if (named.isPresent()) {
            return new QuoteResult.OutsideLimits(named.get());
        }
        Instant now = clock.instant();
        FreshMid mid = freshMid(command.currency(), now);
        if (mid.refusal() != null) {
            return mid.refusal();
        }
        // The quote's USD equivalent, what it counts against the customer's limits, is at the USD mid of the moment.
        FreshMid usdMid = command.currency().equals(CustomerLimits.USD) ? mid : freshMid(CustomerLimits.USD, now);
        if (usdMid.refusal() != null) {
            return usdMid.refusal();
        }
        Optional<Quote> priced = Pricing.quote(command.owner(), command.direction(), command.amount(), mid.rate(),
                usdMid.rate(), terms.spreadBasisPoints(command.currency()), now, terms.quoteValidity());
        if (priced.isEmpty()) {
            return new QuoteResult.OutsideLimits(command.amount() + " buys or sells less than one minor unit of "
                    + (command.amount().currency().equals(Pricing.KRW) ? command.currency() : Pricing.KRW));
        }
        Quote quote = priced.get();
        Optional<String> outside = limits.refusal(quote);
        if (outside.isPresent()) {
            return new QuoteResult.OutsideLimits(outside.get());
        }
        // The look at the customer's usage and the quote's row in one transaction: one commit, not two. The look guards
        // nothing (the exchange's start takes the usage under the database's guard); it only spares the customer a quote
        // the exchange would refuse.
        return transaction.execute(status -> {
            Optional<String> overLimit = usage.refusal(command.owner(), quote.usdEquivalent(), now);
            if (overLimit.isPresent()) {
                return new QuoteResult.OverCustomerLimit(overLimit.get());
            }
            quotes.save(quote);
            return new QuoteResult.Quoted(quote);
        });
    }

    /** A mid rate young enough to price on, or why there is none. */
    private record FreshMid(MidRate rate, QuoteResult refusal) {
    }

    private FreshMid freshMid(Currency currency, Instant now) {
        MidRate mid;
        switch (rates.midRate(currency)) {
            case RateLookup.Found(MidRate found) -> mid = found;
            case RateLookup.NotListed(String source) -> {
                return new FreshMid(null, new QuoteResult.NoRate(source + " lists no rate for " + currency
                        + "; quotes in it resume when it does"));
            }
            case RateLookup.Unavailable(String why) -> {
                return new FreshMid(null, new QuoteResult.NoRate(why));
            }
        }
        if (mid.isStaleAt(now, terms.maxRateAge())) {
            return new FreshMid(null, new QuoteResult.NoRate("the latest " + currency + " rate (" + mid.source() + ") is as of "
                    + mid.asOf() + ", older than the " + terms.maxRateAge().toHours()
                    + " hours a price may rest on; quotes resume when a fresher rate arrives"));
        }
        return new FreshMid(mid, null);
    }
}
