package com.fxbank.exchange.adapter.out.metrics;

import java.time.Duration;

import com.fxbank.common.stereotype.MetricsAdapter;
import com.fxbank.exchange.application.port.out.SagaMetrics;
import com.fxbank.exchange.domain.Exchange;
import com.fxbank.exchange.domain.ReportingTerms;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The saga's outcomes as Micrometer meters (names: docs/observability.md). Prometheus sees
 * {@code fxbank_exchanges_total{direction,outcome}}, {@code fxbank_exchange_duration_seconds{direction,outcome}} and
 * {@code fxbank_refund_duration_seconds}, the last two with histogram buckets for percentiles across instances, and
 * {@code fxbank_exchange_reportable_total{reason}}.
 */
@MetricsAdapter
class MicrometerSagaMetrics implements SagaMetrics {

    private final MeterRegistry meters;

    MicrometerSagaMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void finished(Exchange exchange) {
        String direction = exchange.direction().name();
        String outcome = exchange.state().name();
        Counter.builder("fxbank.exchanges")
                .description("exchanges that reached a final state")
                .tag("direction", direction).tag("outcome", outcome)
                .register(meters).increment();
        Duration took = Duration.between(exchange.createdAt(), exchange.updatedAt());
        Timer.builder("fxbank.exchange.duration")
                .description("from the customer's request to the exchange's final state")
                .tag("direction", direction).tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(meters).record(took.isNegative() ? Duration.ZERO : took);
    }

    @Override
    public void refunded(Exchange exchange, Duration sinceRefused) {
        Timer.builder("fxbank.refund.duration")
                .description("from the decision to refund (deposit refused) to the ledger's confirmation")
                .tag("direction", exchange.direction().name())
                .publishPercentileHistogram()
                .register(meters).record(sinceRefused.isNegative() ? Duration.ZERO : sinceRefused);
    }

    @Override
    public void reportable(Exchange exchange, ReportingTerms.Reason reason) {
        Counter.builder("fxbank.exchange.reportable")
                .description("completed exchanges worth more than the single-exchange threshold (reason single-exchange), "
                        + "and customers' days past the customer-day threshold (reason customer-day, once per day)")
                .tag("reason", reason == ReportingTerms.Reason.SINGLE_EXCHANGE ? "single-exchange" : "customer-day")
                .register(meters).increment();
    }
}
