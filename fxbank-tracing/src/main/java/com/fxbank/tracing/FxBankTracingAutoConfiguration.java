package com.fxbank.tracing;

import java.util.List;

import io.opentelemetry.sdk.trace.SpanProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * What FxBank adds to Spring Boot's tracing: the exchange id, carried as baggage from the customer's request through
 * the ledgers' HTTP calls, the outbox and Kafka, written on every span so that a trace viewer finds an exchange's whole
 * story by its id.
 */
@AutoConfiguration
@ConditionalOnClass(SpanProcessor.class)
public class FxBankTracingAutoConfiguration {

    /** The baggage field that names the exchange a piece of work belongs to. */
    public static final String EXCHANGE_ID = "exchangeId";

    @Bean
    SpanProcessor exchangeIdOnEverySpan() {
        return new BaggageOnSpans(List.of(EXCHANGE_ID));
    }
}
