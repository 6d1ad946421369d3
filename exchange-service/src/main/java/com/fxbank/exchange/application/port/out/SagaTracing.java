package com.fxbank.exchange.application.port.out;

import java.util.function.Function;
import java.util.function.Supplier;

import com.fxbank.common.exchange.ExchangeId;

/**
 * One trace per exchange. The saga says which exchange it is working on; the adapter makes the exchange id
 * baggage (on every span and log line of that work, carried to the ledgers over HTTP and Kafka) and keeps the trace on
 * the exchange's row, so that recovery — minutes later, on another instance, after a restart — continues it. Never
 * decides anything.
 */
public interface SagaTracing {

    /** The start of an exchange: {@code work} is given the trace context to store with the new row (null when none). */
    <T> T started(ExchangeId id, Function<String, T> work);

    /**
     * Later work on an exchange: within {@code storedContext}'s trace when given (recovery), else within the current
     * one (the refund reply, whose Kafka record carried the trace).
     */
    <T> T resumed(ExchangeId id, String storedContext, Supplier<T> work);

    /** No tracing: the work runs as it is. */
    SagaTracing NONE = new SagaTracing() {
        @Override
        public <T> T started(ExchangeId id, Function<String, T> work) {
            return work.apply(null);
        }

        @Override
        public <T> T resumed(ExchangeId id, String storedContext, Supplier<T> work) {
            return work.get();
        }
    };
}
