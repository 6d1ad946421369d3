package com.fxbank.exchange.domain;

/** Which way the money goes (DESIGN.md §1). */
public enum Direction {
    /** The customer buys foreign currency with KRW: withdraw KRW, deposit FX. */
    BUY(Participant.KRW_ACCOUNT, Participant.FX_ACCOUNT),
    /** The customer sells foreign currency for KRW: withdraw FX, deposit KRW. */
    SELL(Participant.FX_ACCOUNT, Participant.KRW_ACCOUNT);

    private final Participant source;
    private final Participant target;

    Direction(Participant source, Participant target) {
        this.source = source;
        this.target = target;
    }

    public Participant source() {
        return source;
    }

    public Participant target() {
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
