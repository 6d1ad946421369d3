package com.fxbank.exchange.adapter.in.metrics;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.fxbank.exchange.application.port.in.SagaBacklogQuery;
import com.fxbank.exchange.application.port.in.SagaBacklogQuery.Backlog;
import com.fxbank.exchange.domain.ExchangeState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import com.fxbank.common.stereotype.MetricsAdapter;

/**
 * The unfinished exchanges as gauges, read from the database every {@code fxbank.exchange.metrics-interval} (10 s)
 * rather than on each scrape, so that a scrape never waits for the database: {@code fxbank_exchanges_unfinished{state}},
 * {@code fxbank_exchanges_attention}, {@code fxbank_refunds_oldest_pending_age_seconds}. Every instance reports the
 * same figures (they come from the shared database): dashboards take the max, not the sum.
 */
@MetricsAdapter
class SagaBacklogGauges {

    private static final Logger log = LoggerFactory.getLogger(SagaBacklogGauges.class);

    private final SagaBacklogQuery query;
    private final AtomicReference<Backlog> last = new AtomicReference<>();

    SagaBacklogGauges(SagaBacklogQuery query, MeterRegistry meters) {
        this.query = query;
        for (ExchangeState state : ExchangeState.values()) {
            if (!state.isFinal()) {
                Gauge.builder("fxbank.exchanges.unfinished", last, l -> valueOf(l.get(), state))
                        .description("exchanges not final yet, by state").tag("state", state.name()).register(meters);
            }
        }
        Gauge.builder("fxbank.exchanges.attention", last, l -> l.get() == null ? Double.NaN : l.get().needingAttention())
                .description("unfinished exchanges that ran out of attempts (an operator was alerted)").register(meters);
        Gauge.builder("fxbank.refunds.oldest.pending.age", last,
                        l -> l.get() == null ? Double.NaN : l.get().oldestRefundWait().toMillis() / 1000.0)
                .baseUnit("seconds")
                .description("age of the oldest exchange still waiting for its refund").register(meters);
    }

    private static double valueOf(Backlog backlog, ExchangeState state) {
        if (backlog == null) {
            return Double.NaN;
        }
        Map<ExchangeState, Long> unfinished = backlog.unfinished();
        return unfinished.getOrDefault(state, 0L);
    }

    @Scheduled(fixedDelayString = "${fxbank.exchange.metrics-interval:10s}", initialDelay = 0)
    void refresh() {
        try {
            last.set(query.backlog());
        } catch (RuntimeException e) {
            // The database is away: the gauges go blank (NaN) rather than show figures that are no longer true.
            last.set(null);
            log.debug("saga backlog not read: {}", e.toString());
        }
    }
}
