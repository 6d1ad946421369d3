package com.fxbank.exchange.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A customer's own limits, set by an operator with a reason in place of the bank's defaults (a corporate client, a
 * customer under review). The operators' journal keeps every change; this is the one in force.
 */
public record LimitOverride(String owner, CustomerLimits limits, String reason, String setBy, Instant setAt) {

    public LimitOverride {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(setBy, "setBy");
        Objects.requireNonNull(setAt, "setAt");
    }
}
