package com.fxbank.exchange.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * Something an operator did (issue 15), kept for good: who, when, what, on what (an exchange id), why, and what came
 * of it.
 */
public record OperatorAction(Instant at, String operator, Kind kind, String target, String reason, String result) {

    public enum Kind {
        /** Drive an unfinished exchange now instead of at its next scheduled try. */
        RETRY_NOW
    }

    public OperatorAction {
        Objects.requireNonNull(at);
        Objects.requireNonNull(operator);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(target);
        Objects.requireNonNull(reason);
        Objects.requireNonNull(result);
    }
}
