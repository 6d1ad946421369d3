package com.fxbank.exchange.domain;

import java.time.Duration;

/**
 * How an exchange whose outcome is unknown is retried (DESIGN B3): exponential pauses from {@code first}
 * up to {@code longest}; after {@code maxAttempts} it is flagged for an operator and retried every
 * {@code slow}, forever — money is never left where it is.
 */
public record RetryPolicy(int maxAttempts, Duration first, Duration longest, Duration slow) {

    public RetryPolicy {
        if (maxAttempts < 1 || first.isNegative() || first.isZero() || longest.compareTo(first) < 0 || slow.isZero()) {
            throw new IllegalArgumentException("invalid retry policy " + maxAttempts + ", " + first + ", " + longest + ", " + slow);
        }
    }

    public Duration pauseAfter(int attempts) {
        if (attempts >= maxAttempts) {
            return slow;
        }
        Duration pause = first.multipliedBy(1L << Math.min(attempts - 1, 20));
        return pause.compareTo(longest) > 0 ? longest : pause;
    }
}
