package com.fxbank.exchange.adapter.out.tracing;

import java.util.function.Function;
import java.util.function.Supplier;

import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.common.stereotype.MetricsAdapter;
import com.fxbank.exchange.application.port.out.SagaTracing;
import com.fxbank.messaging.StoredTrace;
import com.fxbank.tracing.FxBankTracingAutoConfiguration;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.BaggageInScope;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The saga's tracing with Micrometer Tracing: spans {@code fxbank.exchange.start} (the customer's request driving the
 * exchange) and {@code fxbank.exchange.recovery} (recovery driving it later, a child of the stored start), the exchange
 * id as baggage {@code exchangeId} in both and on the span current when it is set.
 */
@MetricsAdapter
class MicrometerSagaTracing implements SagaTracing {

    private final Tracer tracer;
    private final ObservationRegistry observations;

    MicrometerSagaTracing(ObjectProvider<Tracer> tracer, ObjectProvider<ObservationRegistry> observations) {
        this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
        this.observations = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
    }

    @Override
    public <T> T started(ExchangeId id, Function<String, T> work) {
        return withExchangeId(id, () -> StoredTrace.capture(observations, "fxbank.exchange.start", "exchange", work));
    }

    @Override
    public <T> T resumed(ExchangeId id, String storedContext, Supplier<T> work) {
        if (storedContext == null) {
            return withExchangeId(id, work);
        }
        return StoredTrace.resume(observations, storedContext, "fxbank.exchange.recovery", "exchange",
                () -> withExchangeId(id, work));
    }

    private <T> T withExchangeId(ExchangeId id, Supplier<T> work) {
        String value = id.toString();
        Span current = tracer.currentSpan();
        if (current != null) {
            current.tag(FxBankTracingAutoConfiguration.EXCHANGE_ID, value);
        }
        try (BaggageInScope baggage = tracer.createBaggageInScope(FxBankTracingAutoConfiguration.EXCHANGE_ID, value)) {
            return work.get();
        }
    }
}
