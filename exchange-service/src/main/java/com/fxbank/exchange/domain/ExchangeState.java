package com.fxbank.exchange.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The states of an exchange and every allowed transition, in one place (DESIGN.md §4). Nothing else in
 * the code decides whether a state may follow another.
 *
 * <pre>
 * STARTED ──withdraw ok──▶ WITHDRAWN ──deposit ok──▶ COMPLETED
 *    │ refused                │ deposit refused ──▶ CANCELING_WITHDRAWAL ──reply──▶ FAILED_REFUNDED | FAILED
 *    ▼                        ▼ no answer
 *  FAILED              DEPOSIT_UNKNOWN ──re-check / re-send──▶ COMPLETED | CANCELING_WITHDRAWAL
 *    ▲ no answer
 * WITHDRAWAL_UNKNOWN ──re-check──▶ WITHDRAWN | FAILED | (nothing there: cancel, tombstone) CANCELING_WITHDRAWAL
 * </pre>
 * Any non-final state past its last attempt is flagged for an operator; retries go on (see {@code Exchange}).
 */
public enum ExchangeState {
    STARTED,
    WITHDRAWAL_UNKNOWN,
    WITHDRAWN,
    DEPOSIT_UNKNOWN,
    CANCELING_WITHDRAWAL,
    COMPLETED,
    FAILED,
    FAILED_REFUNDED;

    private static final Map<ExchangeState, Set<ExchangeState>> NEXT = Map.of(
            STARTED, EnumSet.of(WITHDRAWN, FAILED, WITHDRAWAL_UNKNOWN),
            WITHDRAWAL_UNKNOWN, EnumSet.of(WITHDRAWN, FAILED, CANCELING_WITHDRAWAL),
            WITHDRAWN, EnumSet.of(COMPLETED, CANCELING_WITHDRAWAL, DEPOSIT_UNKNOWN),
            DEPOSIT_UNKNOWN, EnumSet.of(COMPLETED, CANCELING_WITHDRAWAL),
            CANCELING_WITHDRAWAL, EnumSet.of(FAILED_REFUNDED, FAILED),
            COMPLETED, EnumSet.noneOf(ExchangeState.class),
            FAILED, EnumSet.noneOf(ExchangeState.class),
            FAILED_REFUNDED, EnumSet.noneOf(ExchangeState.class));

    public boolean isFinal() {
        return NEXT.get(this).isEmpty();
    }

    public boolean canMoveTo(ExchangeState next) {
        return NEXT.get(this).contains(next);
    }
}
