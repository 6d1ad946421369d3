package com.fxbank.exchange.application.fake;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fxbank.exchange.application.port.out.QuoteStore;
import com.fxbank.exchange.domain.Quote;

/** Quotes in memory; their retention is a scheduler's concern, tried on PostgreSQL. */
public final class InMemoryQuoteStore implements QuoteStore {

    private final Map<UUID, Quote> quotes = new ConcurrentHashMap<>();

    @Override
    public void save(Quote quote) {
        quotes.put(quote.id(), quote);
    }

    @Override
    public Optional<Quote> find(UUID id) {
        return Optional.ofNullable(quotes.get(id));
    }

    @Override
    public int deleteUnusedExpiredBetween(Instant from, Instant cutoff, int batch) {
        throw new UnsupportedOperationException("quote retention, which the saga never does");
    }

    @Override
    public boolean anyUnusedExpiredBetween(Instant from, Instant cutoff) {
        throw new UnsupportedOperationException("quote retention, which the saga never does");
    }

    @Override
    public Instant retentionDoneUpTo() {
        throw new UnsupportedOperationException("quote retention, which the saga never does");
    }

    @Override
    public void retentionDoneUpTo(Instant upto) {
        throw new UnsupportedOperationException("quote retention, which the saga never does");
    }
}
