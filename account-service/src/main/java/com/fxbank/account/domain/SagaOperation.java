package com.fxbank.account.domain;

import java.util.Objects;
import java.util.Optional;

import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.common.money.Money;

/**
 * What this ledger did for one step of one exchange, stored once under (exchangeId, kind) and returned to every repeat
 * of the request (DESIGN B2). A withdrawal row is also where a cancel leaves its mark: {@link Refunded} after the
 * money went back, {@link Tombstone} when the cancel came first and no withdrawal may follow. Each kind of record
 * holds exactly what it has: no field is there "in case".
 */
public sealed interface SagaOperation {

    ExchangeId exchangeId();

    Kind kind();

    /** The name this record is stored and answered under. */
    State state();

    enum Kind { WITHDRAWAL, DEPOSIT }

    enum State {
        APPLIED,
        REFUSED,
        /** A withdrawal whose money was credited back by a cancel. */
        REFUNDED,
        /** The tombstone: a cancel arrived before any withdrawal; a late withdrawal is refused. */
        CANCELED
    }

    /** The money moved on {@code accountId}. Only an applied withdrawal can be refunded. */
    record Applied(ExchangeId exchangeId, Kind kind, Owner owner, Money amount, AccountId accountId) implements SagaOperation {
        public Applied {
            Objects.requireNonNull(exchangeId);
            Objects.requireNonNull(kind);
            Objects.requireNonNull(owner);
            Objects.requireNonNull(amount);
            Objects.requireNonNull(accountId);
        }

        @Override
        public State state() {
            return State.APPLIED;
        }

        public Refunded refunded() {
            if (kind != Kind.WITHDRAWAL) {
                throw new IllegalStateException("only an applied withdrawal can be refunded, not " + this);
            }
            return new Refunded(exchangeId, owner, amount, accountId);
        }
    }

    /**
     * Nothing moved, for {@code reason}. {@code account} is the account that refused; none when there is no such account
     * ({@link RefusalReason#NO_SUCH_ACCOUNT}) — the one field that may be absent, because that refusal has no account.
     */
    record Refused(ExchangeId exchangeId, Kind kind, Owner owner, Money amount, RefusalReason reason,
                   Optional<AccountId> account) implements SagaOperation {
        public Refused {
            Objects.requireNonNull(exchangeId);
            Objects.requireNonNull(kind);
            Objects.requireNonNull(owner);
            Objects.requireNonNull(amount);
            Objects.requireNonNull(reason);
            Objects.requireNonNull(account);
        }

        @Override
        public State state() {
            return State.REFUSED;
        }
    }

    /** An applied withdrawal whose money a cancel credited back to {@code accountId}. */
    record Refunded(ExchangeId exchangeId, Owner owner, Money amount, AccountId accountId) implements SagaOperation {
        public Refunded {
            Objects.requireNonNull(exchangeId);
            Objects.requireNonNull(owner);
            Objects.requireNonNull(amount);
            Objects.requireNonNull(accountId);
        }

        @Override
        public Kind kind() {
            return Kind.WITHDRAWAL;
        }

        @Override
        public State state() {
            return State.REFUNDED;
        }
    }

    /** A cancel that came before any withdrawal: it holds the withdrawal's key, so a late withdrawal is refused. */
    record Tombstone(ExchangeId exchangeId) implements SagaOperation {
        public Tombstone {
            Objects.requireNonNull(exchangeId);
        }

        @Override
        public Kind kind() {
            return Kind.WITHDRAWAL;
        }

        @Override
        public State state() {
            return State.CANCELED;
        }
    }

    static Applied applied(ExchangeId id, Kind kind, Owner owner, Money amount, AccountId account) {
        return new Applied(id, kind, owner, amount, account);
    }

    static Refused refused(ExchangeId id, Kind kind, Owner owner, Money amount, RefusalReason reason,
                           Optional<AccountId> account) {
        return new Refused(id, kind, owner, amount, reason, account);
    }

    static Tombstone tombstone(ExchangeId id) {
        return new Tombstone(id);
    }

    /**
     * Whether a repeat of the request asks for the same thing as the request that created this record. Any late
     * withdrawal of a tombstoned exchange, whoever sends it with whatever amount, gets the tombstone: no money moves.
     */
    default boolean sameRequest(Owner requestOwner, Money requestAmount) {
        return switch (this) {
            case Applied applied -> applied.owner().equals(requestOwner) && applied.amount().equals(requestAmount);
            case Refused refused -> refused.owner().equals(requestOwner) && refused.amount().equals(requestAmount);
            case Refunded refunded -> refunded.owner().equals(requestOwner) && refunded.amount().equals(requestAmount);
            case Tombstone tombstone -> true;
        };
    }
}
