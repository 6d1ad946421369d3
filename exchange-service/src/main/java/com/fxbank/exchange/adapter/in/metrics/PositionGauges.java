package com.fxbank.exchange.adapter.in.metrics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.concurrent.atomic.AtomicReference;

import com.fxbank.common.stereotype.MetricsAdapter;
import com.fxbank.exchange.application.port.in.PositionsQuery;
import com.fxbank.exchange.domain.Positions;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The desk's books as gauges, read every {@code fxbank.exchange.positions-interval} (10 s) rather than on each scrape:
 * {@code fxbank_position{currency}} (negative: short), {@code fxbank_position_value_krw{currency}},
 * {@code fxbank_position_limit{currency}} where a limit is configured (the alert FxBankPositionBeyondLimit compares the
 * two), and {@code fxbank_spread_earned_krw} since the first exchange (a rate of it is the spread earned per period).
 * A ledger that does not answer blanks them (NaN). Every instance reports the same figures: take the max.
 */
@MetricsAdapter
class PositionGauges {

    private static final Logger log = LoggerFactory.getLogger(PositionGauges.class);

    private final PositionsQuery query;
    private final AtomicReference<Positions> last = new AtomicReference<>();

    PositionGauges(PositionsQuery query, MeterRegistry meters) {
        this.query = query;
        Gauge.builder("fxbank.spread.earned.krw", last, l -> l.get() == null ? Double.NaN
                        : l.get().spread().earnedKrw().doubleValue())
                .description("the spread earned by every completed exchange, in KRW against the mid rate of its quote")
                .register(meters);
        Positions.Limits limits = query.limits();
        for (Currency traded : limits.currencies()) {
            String currency = traded.getCurrencyCode();
            Gauge.builder("fxbank.position", last, l -> figure(l.get(), currency, Figure.AMOUNT))
                    .description("the bank's position from exchanges in this currency (negative: short)")
                    .tag("currency", currency).register(meters);
            Gauge.builder("fxbank.position.value.krw", last, l -> figure(l.get(), currency, Figure.VALUE))
                    .description("the position valued at the current mid rate, in KRW")
                    .tag("currency", currency).register(meters);
            BigDecimal limit = limits.byCurrency().get(traded);
            if (limit != null) {
                Gauge.builder("fxbank.position.limit", limit, BigDecimal::doubleValue).strongReference(true)
                        .description("how large the position may grow, long or short (fxbank.exchange.currencies.*.position-limit)")
                        .tag("currency", currency).register(meters);
            }
        }
    }

    @Scheduled(fixedDelayString = "${fxbank.exchange.positions-interval:10s}", initialDelay = 0)
    /**
     * Whatever stops a read — a ledger away, or an Error on this thread — blanks the gauges (the finally): they never
     * go on showing the figures of a read that no longer succeeds.
     */
    void refresh() {
        Positions read = null;
        try {
            read = query.positions(Instant.EPOCH, Instant.MAX);
        } catch (RuntimeException e) {
            log.debug("positions not read: {}", e.toString());
        } finally {
            last.set(read);
        }
    }

    private enum Figure { AMOUNT, VALUE }

    /** A gauge is a double by Prometheus's definition: only what is shown is converted, never what is computed. */
    private static double figure(Positions positions, String currency, Figure figure) {
        if (positions == null) {
            return Double.NaN;
        }
        return positions.positions().stream().filter(p -> p.currency().getCurrencyCode().equals(currency)).findFirst()
                .map(p -> switch (figure) {
                    case AMOUNT -> p.amount().doubleValue();
                    case VALUE -> p.valueKrw().map(BigDecimal::doubleValue).orElse(Double.NaN);
                })
                .orElse(Double.NaN);
    }
}
