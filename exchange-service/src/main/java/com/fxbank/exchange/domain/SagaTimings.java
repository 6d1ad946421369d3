package com.fxbank.exchange.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * @param lease how long one instance owns an exchange it drives before another may take over
 * @param retry when a waiting exchange is looked at again, and when it needs an operator
 * @param attentionRealert how often an exchange that still needs an operator raises its alert again
 */
public record SagaTimings(Duration lease, RetryPolicy retry, Duration attentionRealert) {

    public SagaTimings {
        Objects.requireNonNull(lease);
        Objects.requireNonNull(retry);
        Objects.requireNonNull(attentionRealert);
    }
}
