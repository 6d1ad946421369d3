package com.fxbank.common.operator;

import java.time.Instant;
import java.util.Objects;

/**
 * Something an operator did, kept for good in the service where it was done: who, when, what, on what (an
 * exchange id, an account id, a dead letter's coordinates), why, and what came of it.
 */
public record OperatorAction(Instant at, String operator, Kind kind, String target, String reason, String result) {

    public enum Kind {
        /** Drive an unfinished exchange now instead of at its next scheduled try (exchange service). */
        RETRY_NOW,
        /** Publish a dead letter again to the topic it came from, at most once (the service that consumes it). */
        REPLAY_DEAD_LETTER,
        /** Send a parked outbox row again (the service that parked it). */
        RELEASE_PARKED,
        /** Freeze an account: it refuses withdrawals and deposits; refunds of its earlier withdrawals still apply (ledgers). */
        FREEZE,
        /** Unfreeze an account (ledgers). */
        UNFREEZE,
        /** Set an account's maximum balance and maximum single withdrawal (ledgers). */
        SET_LIMITS,
        /** Give a customer daily and yearly exchange limits of their own, or the bank's defaults again (exchange service). */
        SET_CUSTOMER_LIMITS
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
