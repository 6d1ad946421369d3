package com.fxbank.exchange.domain;

import com.fxbank.messaging.Ledger;

/** Which way the money goes (DESIGN.md §1). */
public enum Direction {
    /** The customer buys foreign currency with KRW: withdraw KRW, deposit FX. */
    BUY(Ledger.KRW_ACCOUNT, Ledger.FX_ACCOUNT),
    /** The customer sells foreign currency for KRW: withdraw FX, deposit KRW. */
    SELL(Ledger.FX_ACCOUNT, Ledger.KRW_ACCOUNT);

    private final Ledger source;
    private final Ledger target;

    Direction(Ledger source, Ledger target) {
        this.source = source;
        this.target = target;
    }

    public Ledger source() {
        return source;
    }

    public Ledger target() {
        return target;
    }

    public static Direction parse(String text) {
        try {
            return Direction.valueOf(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("side must be BUY or SELL, got '" + text + "'");
        }
    }
}
