package com.fxbank.exchange.domain;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.Objects;

/**
 * The market's middle rate of one currency as a rate source published it: KRW per one unit, where it came
 * from and the moment it describes. A quote records it, so that every price can be checked against it later.
 */
public record MidRate(Currency currency, BigDecimal krwPerUnit, String source, Instant asOf) {

    public MidRate {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(krwPerUnit, "krwPerUnit");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(asOf, "asOf");
        if (krwPerUnit.signum() <= 0) {
            throw new IllegalArgumentException("a mid rate must be positive, got " + krwPerUnit.toPlainString());
        }
    }

    /** A rate older than {@code maxAge} is never priced on. */
    public boolean isStaleAt(Instant now, Duration maxAge) {
        return asOf.plus(maxAge).isBefore(now);
    }
}
