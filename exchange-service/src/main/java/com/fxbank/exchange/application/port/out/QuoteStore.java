package com.fxbank.exchange.application.port.out;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.fxbank.exchange.domain.Quote;

public interface QuoteStore {

    void save(Quote quote);

    Optional<Quote> find(UUID id);

    /**
     * Deletes up to {@code batch} quotes that expired in [{@code from}, {@code cutoff}) and no exchange used; returns
     * how many.
     */
    int deleteUnusedExpiredBetween(Instant from, Instant cutoff, int batch);

    /** Whether any quote that expired in [{@code from}, {@code cutoff}) and no exchange used is still there. */
    boolean anyUnusedExpiredBetween(Instant from, Instant cutoff);

    /** Where the last finished retention run stopped: every unused quote that expired before it is gone. */
    Instant retentionDoneUpTo();

    /** Records that every unused quote expired before {@code upto} is gone (never moves back). */
    void retentionDoneUpTo(Instant upto);
}
