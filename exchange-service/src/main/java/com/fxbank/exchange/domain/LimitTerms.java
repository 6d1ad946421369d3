package com.fxbank.exchange.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The bank's rule for customer limits: the limits every customer has (until an operator sets their own), and the zone
 * whose calendar says what a business day and a business year are.
 */
public record LimitTerms(CustomerLimits defaults, ZoneId businessZone) {

    public LimitTerms {
        Objects.requireNonNull(defaults, "defaults");
        Objects.requireNonNull(businessZone, "businessZone");
    }

    public BusinessDay dayOf(Instant instant) {
        return BusinessDay.of(instant, businessZone);
    }
}
