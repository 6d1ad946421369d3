package com.fxbank.account.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

import com.fxbank.common.money.Money;

/**
 * A customer's account in one currency. Its balance is never negative and always equals the sum of its
 * ledger entries. A frozen account, or one whose limits a request would break, refuses customer-driven
 * movements; a refund of a withdrawal is not refused (the money goes back where it came from).
 *
 * @param maxBalance    deposits that would take the balance above it are refused
 * @param maxWithdrawal a single withdrawal above it is refused
 */
public record Account(AccountId id, Owner owner, Money balance, boolean frozen,
                      Optional<Money> maxBalance, Optional<Money> maxWithdrawal, Instant openedAt) {

    /**
     * No balance grows past this, whatever its limits: 10^14 units, a tenth of what the ledger's NUMERIC(19, 4)
     * columns hold, so that a refund on top of a full account still fits and no credit can overflow a column.
     */
    public static final BigDecimal BALANCE_CEILING = new BigDecimal("100000000000000");

    public Account {
        Objects.requireNonNull(id);
        Objects.requireNonNull(owner);
        Objects.requireNonNull(balance);
        Objects.requireNonNull(maxBalance);
        Objects.requireNonNull(maxWithdrawal);
        Objects.requireNonNull(openedAt);
        if (balance.isNegative()) {
            throw new IllegalStateException("account " + id + " would have a negative balance: " + balance);
        }
    }

    public static Account open(Owner owner, Currency currency, Instant now) {
        return new Account(AccountId.newId(), owner, Money.zero(currency), false, Optional.empty(), Optional.empty(), now);
    }

    public Currency currency() {
        return balance.currency();
    }

    /** Whether crediting {@code amount} would take the balance past {@link #BALANCE_CEILING}. */
    public boolean wouldPassCeiling(Money amount) {
        return balance.amount().add(amount.amount()).compareTo(BALANCE_CEILING) > 0;
    }

    /** What a movement of money did: the account after it and its entry, or why the account refused it. */
    public sealed interface Move {
    }

    /** The money moved: {@code account} is the account after it, {@code entry} what the ledger records. */
    public record Moved(Account account, LedgerEntry.New entry) implements Move {
    }

    public record Refused(RefusalReason reason) implements Move {
    }

    /** A withdrawal for an exchange ({@code reference}: its id), or why this account refuses it. */
    public Move withdraw(Money amount, String reference) {
        return refusesWithdrawal(amount).<Move>map(Refused::new)
                .orElseGet(() -> move(LedgerEntry.Kind.WITHDRAWAL, amount.negate(), reference));
    }

    /** A deposit for an exchange, or why this account refuses it. */
    public Move deposit(Money amount, String reference) {
        return refusesDeposit(amount).<Move>map(Refused::new)
                .orElseGet(() -> move(LedgerEntry.Kind.DEPOSIT, amount, reference));
    }

    /** The money of an applied withdrawal credited back: never refused, frozen or not (it goes back where it came from). */
    public Moved refund(Money withdrawn, String reference) {
        return move(LedgerEntry.Kind.WITHDRAWAL_REFUND, withdrawn, reference);
    }

    /** An operator's credit under {@code reference}; refused (LIMIT_EXCEEDED) only beyond {@link #BALANCE_CEILING}. */
    public Move topUp(Money amount, String reference) {
        return wouldPassCeiling(amount) ? new Refused(RefusalReason.LIMIT_EXCEEDED)
                : move(LedgerEntry.Kind.TOP_UP, amount, reference);
    }

    private Moved move(LedgerEntry.Kind kind, Money signed, String reference) {
        Money after = balance.plus(signed);
        return new Moved(new Account(id, owner, after, frozen, maxBalance, maxWithdrawal, openedAt),
                new LedgerEntry.New(id, kind, signed, after, reference));
    }

    /** Why this account cannot give {@code amount} now, if it cannot. */
    public Optional<RefusalReason> refusesWithdrawal(Money amount) {
        if (frozen) {
            return Optional.of(RefusalReason.ACCOUNT_FROZEN);
        }
        if (maxWithdrawal.isPresent() && amount.compareTo(maxWithdrawal.get()) > 0) {
            return Optional.of(RefusalReason.LIMIT_EXCEEDED);
        }
        if (balance.compareTo(amount) < 0) {
            return Optional.of(RefusalReason.INSUFFICIENT_FUNDS);
        }
        return Optional.empty();
    }

    /** Why this account cannot take {@code amount} now, if it cannot. */
    public Optional<RefusalReason> refusesDeposit(Money amount) {
        if (frozen) {
            return Optional.of(RefusalReason.ACCOUNT_FROZEN);
        }
        if (wouldPassCeiling(amount)) {
            return Optional.of(RefusalReason.LIMIT_EXCEEDED);
        }
        if (maxBalance.isPresent() && balance.plus(amount).compareTo(maxBalance.get()) > 0) {
            return Optional.of(RefusalReason.LIMIT_EXCEEDED);
        }
        return Optional.empty();
    }
}
