package com.fxbank.exchange.application.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import com.fxbank.common.stereotype.UseCase;
import com.fxbank.exchange.application.port.in.RequestQuoteUseCase;
import com.fxbank.exchange.application.port.out.QuoteStore;
import com.fxbank.exchange.application.port.out.RateSource;
import com.fxbank.exchange.application.port.out.RateSource.RateLookup;
import com.fxbank.exchange.domain.MidRate;
import com.fxbank.exchange.domain.Pricing;
import com.fxbank.exchange.domain.PricingTerms;
import com.fxbank.exchange.domain.Quote;

/**
 * Prices a quote: only currencies FxBank trades, only on a rate younger than the allowed age, only amounts
 * within each currency's limits, rounded by {@link Pricing}'s rule.
 */
@UseCase
class QuoteService implements RequestQuoteUseCase {

    private final RateSource rates;
    private final QuoteStore quotes;
    private final PricingTerms terms;
    private final Clock clock;

    QuoteService(RateSource rates, QuoteStore quotes, PricingTerms terms, Clock clock) {
        this.rates = rates;
        this.quotes = quotes;
        this.terms = terms;
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
        MidRate mid;
        switch (rates.midRate(command.currency())) {
            case RateLookup.Found(MidRate found) -> mid = found;
            case RateLookup.NotListed(String source) -> {
                return new QuoteResult.NoRate(source + " lists no rate for " + command.currency()
                        + "; quotes in it resume when it does");
            }
            case RateLookup.Unavailable(String why) -> {
                return new QuoteResult.NoRate(why);
            }
        }
        if (mid.isStaleAt(now, terms.maxRateAge())) {
            return new QuoteResult.NoRate("the latest " + command.currency() + " rate (" + mid.source() + ") is as of "
                    + mid.asOf() + ", older than the " + terms.maxRateAge().toHours()
                    + " hours a price may rest on; quotes resume when a fresher rate arrives");
        }
        Optional<Quote> priced = Pricing.quote(command.owner(), command.direction(), command.amount(), mid,
                terms.spreadBasisPoints(command.currency()), now, terms.quoteValidity());
        if (priced.isEmpty()) {
            return new QuoteResult.OutsideLimits(command.amount() + " buys or sells less than one minor unit of "
                    + (command.amount().currency().equals(Pricing.KRW) ? command.currency() : Pricing.KRW));
        }
        Quote quote = priced.get();
        Optional<String> outside = limits.refusal(quote);
        if (outside.isPresent()) {
            return new QuoteResult.OutsideLimits(outside.get());
        }
        quotes.save(quote);
        return new QuoteResult.Quoted(quote);
    }
}
