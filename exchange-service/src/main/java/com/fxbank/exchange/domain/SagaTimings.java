package com.fxbank.exchange.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * @param lease how long one instance owns an exchange it drives before another may take over
 * @param retry when a waiting exchange is looked at again, and when it needs an operator
 */
public record SagaTimings(Duration lease, RetryPolicy retry) {

    public SagaTimings {
        Objects.requireNonNull(lease);
        Objects.requireNonNull(retry);
    }
}
