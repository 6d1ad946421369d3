package com.fxbank.exchange.application.service;

import java.time.Clock;
import java.time.Instant;

import com.fxbank.common.stereotype.UseCase;
import com.fxbank.exchange.application.port.in.RetainQuotesUseCase;
import com.fxbank.exchange.application.port.out.QuoteStore;
import com.fxbank.exchange.domain.QuoteRetention;

/**
 * Deletes unused expired quotes in batches, from where the last finished run stopped up to the retention's cut-off
 * (at most 100 batches a run; an unfinished run goes on from the same point next time). Used quotes stay with their
 * exchanges for good; starting from the last point keeps each run's reading to the quotes of the last interval. Every
 * instance runs it; the point moves only once a look after the deletes finds nothing left before it.
 */
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
        Instant from = quotes.retentionDoneUpTo();
        int deleted = 0;
        for (int i = 0; i < 100; i++) {
            int batch = quotes.deleteUnusedExpiredBetween(from, cutoff, retention.batch());
            deleted += batch;
            if (batch < retention.batch()) {
                // A short batch does not prove the period empty: another instance running retention at the same moment
                // may have deleted some of the quotes this batch picked, leaving others unpicked. Only a fresh look
                // that finds none lets the mark move past them; otherwise the next run goes over the period again.
                if (!quotes.anyUnusedExpiredBetween(from, cutoff)) {
                    quotes.retentionDoneUpTo(cutoff);
                }
                break;
            }
        }
        return deleted;
    }
}
