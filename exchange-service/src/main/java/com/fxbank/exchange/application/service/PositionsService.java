package com.fxbank.exchange.application.service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fxbank.common.stereotype.UseCase;
import com.fxbank.exchange.application.port.in.PositionsQuery;
import com.fxbank.exchange.application.port.out.BankBooksPort;
import com.fxbank.exchange.application.port.out.ExchangeStore;
import com.fxbank.exchange.application.port.out.RateSource;
import com.fxbank.exchange.domain.Positions;
import com.fxbank.exchange.domain.Pricing;

/**
 * The positions read from both ledgers' books, valued at the rate source's latest mid (however old: a valuation, not
 * a price), and the spread earned from the exchanges' quotes.
 */
@UseCase
class PositionsService implements PositionsQuery {

    private final BankBooksPort books;
    private final RateSource rates;
    private final ExchangeStore exchanges;
    private final Positions.Limits limits;
    private final Clock clock;

    PositionsService(BankBooksPort books, RateSource rates, ExchangeStore exchanges,
                     Positions.Limits limits, Clock clock) {
        this.books = books;
        this.rates = rates;
        this.exchanges = exchanges;
        this.limits = limits;
        this.clock = clock;
    }

    @Override
    public Positions positions(Instant from, Instant to) {
        Instant now = clock.instant();
        Instant end = to.isAfter(now) ? now : to;
        if (!from.isBefore(end)) {
            throw new IllegalArgumentException("from must be before to (and before now)");
        }
        Map<Currency, BigDecimal> held = new TreeMap<>(Comparator.comparing(Currency::getCurrencyCode));
        held.putAll(books.positions());
        limits.currencies().forEach(currency -> held.putIfAbsent(currency, BigDecimal.ZERO));
        List<Positions.Position> positions = new ArrayList<>();
        held.forEach((currency, amount) -> positions.add(Positions.Position.valued(currency, amount, mid(currency),
                Optional.ofNullable(limits.byCurrency().get(currency)))));
        return new Positions(now, positions, exchanges.spreadEarned(from, end));
    }

    @Override
    public Positions.Limits limits() {
        return limits;
    }

    private Optional<BigDecimal> mid(Currency currency) {
        if (currency.equals(Pricing.KRW)) {
            return Optional.of(BigDecimal.ONE);
        }
        return rates.midRate(currency) instanceof RateSource.RateLookup.Found(var rate)
                ? Optional.of(rate.krwPerUnit()) : Optional.empty();
    }
}
