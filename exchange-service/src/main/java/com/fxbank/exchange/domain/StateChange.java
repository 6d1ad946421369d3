package com.fxbank.exchange.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of an exchange's history: a state it left (none for the first), the one it entered, why and when. A reason
 * longer than {@link #REASON_LENGTH} is cut (a ledger's long refusal must never block a state change), here, so that
 * the line an answer shows is the line that is stored.
 */
public record StateChange(ExchangeState from, ExchangeState to, String reason, Instant at) {

    /** What the reason columns hold. */
    public static final int REASON_LENGTH = 255;

    public StateChange {
        Objects.requireNonNull(to);
        Objects.requireNonNull(at);
        reason = fit(reason);
    }

    /** {@code reason}, cut to {@link #REASON_LENGTH} characters with an ellipsis when longer. */
    public static String fit(String reason) {
        return reason == null || reason.length() <= REASON_LENGTH ? reason : reason.substring(0, REASON_LENGTH - 1) + "…";
    }
}
