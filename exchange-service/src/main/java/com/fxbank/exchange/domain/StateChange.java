package com.fxbank.exchange.domain;

import java.time.Instant;
import java.util.Objects;

/** One line of an exchange's history: a state it left (none for the first), the one it entered, why and when. */
public record StateChange(ExchangeState from, ExchangeState to, String reason, Instant at) {

    public StateChange {
        Objects.requireNonNull(to);
        Objects.requireNonNull(at);
    }
}
