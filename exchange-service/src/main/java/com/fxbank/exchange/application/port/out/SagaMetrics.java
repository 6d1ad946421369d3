package com.fxbank.exchange.application.port.out;

import java.time.Duration;

import com.fxbank.exchange.domain.Exchange;
import com.fxbank.exchange.domain.ReportingTerms;

/**
 * What the saga tells the bank's dashboards: each exchange that reached a final state, and each refund a
 * ledger confirmed. Reported after the commit that made it true; never decides anything.
 */
public interface SagaMetrics {

    /** {@code exchange} is final now (its state is the outcome; created to updated is its time to a final state). */
    void finished(Exchange exchange);

    /** A ledger confirmed the refund of {@code exchange}, {@code sinceRefused} after the compensation was decided. */
    void refunded(Exchange exchange, Duration sinceRefused);

    /**
     * The completion of {@code exchange} made something reportable: the exchange itself
     * ({@link ReportingTerms.Reason#SINGLE_EXCHANGE}), or its customer's day, counted once per customer and day
     * ({@link ReportingTerms.Reason#CUSTOMER_DAY}).
     */
    void reportable(Exchange exchange, ReportingTerms.Reason reason);
}
