package com.fxbank.exchange.application.service;

import java.time.Clock;
import java.time.Instant;

import com.fxbank.common.stereotype.UseCase;
import com.fxbank.exchange.application.port.in.RetainQuotesUseCase;
import com.fxbank.exchange.application.port.out.QuoteStore;
import com.fxbank.exchange.domain.QuoteRetention;

/** Deletes unused expired quotes in batches, until none is left older than the retention (at most 100 batches a run). */
@UseCase
class QuoteRetentionService implements RetainQuotesUseCase {

    private final QuoteStore quotes;
    private final QuoteRetention retention;
    private final Clock clock;

    QuoteRetentionService(QuoteStore quotes, QuoteRetention retention, Clock clock) {
        this.quotes = quotes;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public int deleteUnusedExpiredQuotes() {
        Instant cutoff = clock.instant().minus(retention.keepUnused());
        int deleted = 0;
        for (int i = 0; i < 100; i++) {
            int batch = quotes.deleteUnusedExpiredBefore(cutoff, retention.batch());
            deleted += batch;
            if (batch < retention.batch()) {
                break;
            }
        }
        return deleted;
    }
}
