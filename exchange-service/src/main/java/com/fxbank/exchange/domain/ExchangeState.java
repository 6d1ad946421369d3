package com.fxbank.exchange.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The states of an exchange and the transitions that exist at all (DESIGN §4): a guard that no decision can
 * get around. Which answer leads where is {@link SagaRules}, on one screen; {@code SagaRulesTest} checks that
 * every move it decides is one allowed here.
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
            // STARTED → CANCELING_WITHDRAWAL: the ledger answers the withdrawal with "refunded" (it was applied and
            // cancelled already); the idempotent cancel then confirms the refund and the exchange ends FAILED_REFUNDED.
            STARTED, EnumSet.of(WITHDRAWN, FAILED, WITHDRAWAL_UNKNOWN, CANCELING_WITHDRAWAL),
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
