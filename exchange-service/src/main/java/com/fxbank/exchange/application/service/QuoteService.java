package com.fxbank.exchange.application.service;

import java.time.Clock;

import com.fxbank.common.stereotype.UseCase;
import com.fxbank.exchange.application.port.in.RequestQuoteUseCase;
import com.fxbank.exchange.application.port.out.QuoteStore;
import com.fxbank.exchange.application.port.out.RateSource;
import com.fxbank.exchange.config.ExchangeProperties;
import com.fxbank.exchange.domain.Pricing;
import com.fxbank.exchange.domain.Quote;

@UseCase
class QuoteService implements RequestQuoteUseCase {

    private final RateSource rates;
    private final QuoteStore quotes;
    private final ExchangeProperties properties;
    private final Clock clock;

    QuoteService(RateSource rates, QuoteStore quotes, ExchangeProperties properties, Clock clock) {
        this.rates = rates;
        this.quotes = quotes;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public QuoteResult quote(QuoteCommand command) {
        var mid = rates.midRate(command.currency());
        if (mid.isEmpty()) {
            return new QuoteResult.NotPriced(command.currency());
        }
        Quote quote = Pricing.quote(command.owner(), command.direction(), command.currency(), command.amount(),
                mid.get(), properties.spreadBasisPoints(), clock.instant(), properties.quoteValidity());
        if (quote.krwAmount().amount().compareTo(properties.maxKrw()) > 0) {
            return new QuoteResult.OutsideLimits("an exchange is at most " + properties.maxKrw().toPlainString()
                    + " KRW; this one is " + quote.krwAmount());
        }
        quotes.save(quote);
        return new QuoteResult.Quoted(quote);
    }
}
