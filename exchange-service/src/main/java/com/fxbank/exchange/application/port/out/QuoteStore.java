package com.fxbank.exchange.application.port.out;

import java.util.Optional;
import java.util.UUID;

import com.fxbank.exchange.domain.Quote;

public interface QuoteStore {

    void save(Quote quote);

    Optional<Quote> find(UUID id);

    /** Deletes up to {@code batch} quotes that expired before {@code cutoff} and no exchange used; returns how many. */
    int deleteUnusedExpiredBefore(java.time.Instant cutoff, int batch);
}
