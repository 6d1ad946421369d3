package com.fxbank.account.domain;

import com.fxbank.common.exchange.ExchangeId;
import java.util.Objects;
import java.util.Optional;

import com.fxbank.common.money.Money;

/**
 * What this ledger did for one step of one exchange, stored once under (exchangeId, kind) and returned
 * to every repeat of the request (DESIGN B2). A withdrawal row is also where a cancel leaves its mark:
 * {@link State#REFUNDED} after the money went back, {@link State#CANCELED} (the tombstone) when the
 * cancel came first and no withdrawal may follow.
 */
public record SagaOperation(
        ExchangeId exchangeId,
        Kind kind,
        State state,
        Optional<RefusalReason> reason,
        Optional<Owner> owner,
        Optional<Money> amount,
        Optional<AccountId> accountId) {

    public enum Kind { WITHDRAWAL, DEPOSIT }

    public enum State {
        APPLIED,
        REFUSED,
        /** A withdrawal whose money was credited back by a cancel. */
        REFUNDED,
        /** The tombstone: a cancel arrived before any withdrawal; a late withdrawal is refused. */
        CANCELED
    }

    public SagaOperation {
        Objects.requireNonNull(exchangeId);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(state);
        Objects.requireNonNull(reason);
        Objects.requireNonNull(owner);
        Objects.requireNonNull(amount);
        Objects.requireNonNull(accountId);
        if ((state == State.REFUSED) != reason.isPresent()) {
            throw new IllegalArgumentException("a refusal, and only a refusal, has a reason");
        }
    }

    public static SagaOperation applied(ExchangeId id, Kind kind, Owner owner, Money amount, AccountId account) {
        return new SagaOperation(id, kind, State.APPLIED, Optional.empty(), Optional.of(owner), Optional.of(amount),
                Optional.of(account));
    }

    public static SagaOperation refused(ExchangeId id, Kind kind, Owner owner, Money amount, RefusalReason reason,
                                        Optional<AccountId> account) {
        return new SagaOperation(id, kind, State.REFUSED, Optional.of(reason), Optional.of(owner), Optional.of(amount),
                account);
    }

    public static SagaOperation tombstone(ExchangeId id) {
        return new SagaOperation(id, Kind.WITHDRAWAL, State.CANCELED, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** Whether a repeat of the request asks for the same thing as the request that created this row. */
    public boolean sameRequest(Owner requestOwner, Money requestAmount) {
        return owner.map(requestOwner::equals).orElse(true) && amount.map(requestAmount::equals).orElse(true);
    }

    public SagaOperation refunded() {
        if (kind != Kind.WITHDRAWAL || state != State.APPLIED) {
            throw new IllegalStateException("only an applied withdrawal can be refunded, not " + this);
        }
        return new SagaOperation(exchangeId, kind, State.REFUNDED, reason, owner, amount, accountId);
    }
}
