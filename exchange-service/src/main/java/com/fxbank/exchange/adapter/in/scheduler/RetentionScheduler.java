package com.fxbank.exchange.adapter.in.scheduler;

import com.fxbank.common.stereotype.SchedulerAdapter;
import com.fxbank.exchange.application.port.in.RetainQuotesUseCase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/** Once a minute: quotes nobody exchanged leave the table after their retention. */
@SchedulerAdapter
class RetentionScheduler {

    private static final Logger log = LoggerFactory.getLogger(RetentionScheduler.class);

    private final RetainQuotesUseCase quotes;

    RetentionScheduler(RetainQuotesUseCase quotes) {
        this.quotes = quotes;
    }

    @Scheduled(fixedDelayString = "${fxbank.exchange.retention-interval:1m}", initialDelayString = "30s")
    void deleteUnusedExpiredQuotes() {
        int deleted = quotes.deleteUnusedExpiredQuotes();
        if (deleted > 0) {
            log.info("deleted {} unused expired quote(s)", deleted);
        }
    }
}
