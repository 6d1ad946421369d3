package com.fxbank.exchange.adapter.in.metrics;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    private final MeterRegistry meters;
    private final AtomicReference<Positions> last = new AtomicReference<>();
    private final Map<String, Boolean> registered = new ConcurrentHashMap<>();

    PositionGauges(PositionsQuery query, MeterRegistry meters) {
        this.query = query;
        this.meters = meters;
        Gauge.builder("fxbank.spread.earned.krw", last, l -> l.get() == null ? Double.NaN
                        : l.get().spread().earnedKrw().doubleValue())
                .description("the spread earned by every completed exchange, in KRW against the mid rate of its quote")
                .register(meters);
    }

    @Scheduled(fixedDelayString = "${fxbank.exchange.positions-interval:10s}", initialDelay = 0)
    void refresh() {
        try {
            Positions positions = query.positions(Instant.EPOCH, Instant.MAX);
            last.set(positions);
            positions.positions().forEach(this::register);
        } catch (RuntimeException e) {
            last.set(null);
            log.debug("positions not read: {}", e.toString());
        }
    }

    /** Once per currency, when it first appears. */
    private void register(Positions.Position position) {
        String currency = position.currency().getCurrencyCode();
        if (registered.putIfAbsent(currency, Boolean.TRUE) != null) {
            return;
        }
        Gauge.builder("fxbank.position", last, l -> figure(l.get(), currency, Figure.AMOUNT))
                .description("the bank's position from exchanges in this currency (negative: short)")
                .tag("currency", currency).register(meters);
        Gauge.builder("fxbank.position.value.krw", last, l -> figure(l.get(), currency, Figure.VALUE))
                .description("the position valued at the current mid rate, in KRW")
                .tag("currency", currency).register(meters);
        if (position.limit().isPresent()) {
            Gauge.builder("fxbank.position.limit", last, l -> figure(l.get(), currency, Figure.LIMIT))
                    .description("how large the position may grow, long or short (fxbank.exchange.currencies.*.position-limit)")
                    .tag("currency", currency).register(meters);
        }
    }

    private enum Figure { AMOUNT, VALUE, LIMIT }

    private static double figure(Positions positions, String currency, Figure figure) {
        if (positions == null) {
            return Double.NaN;
        }
        return positions.positions().stream().filter(p -> p.currency().getCurrencyCode().equals(currency)).findFirst()
                .map(p -> switch (figure) {
                    case AMOUNT -> p.amount().doubleValue();
                    case VALUE -> p.valueKrw().map(java.math.BigDecimal::doubleValue).orElse(Double.NaN);
                    case LIMIT -> p.limit().map(java.math.BigDecimal::doubleValue).orElse(Double.NaN);
                })
                .orElse(Double.NaN);
    }
}
