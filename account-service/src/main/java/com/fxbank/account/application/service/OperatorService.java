package com.fxbank.account.application.service;

import java.time.Clock;
import java.util.Optional;

import com.fxbank.account.application.port.in.OperatorUseCase;
import com.fxbank.account.application.port.out.AccountStore;
import com.fxbank.account.application.port.out.AlreadyRecordedException;
import com.fxbank.account.application.port.out.LedgerEntryStore;
import com.fxbank.account.domain.Account;
import com.fxbank.account.domain.AccountId;
import com.fxbank.account.domain.LedgerEntry;
import com.fxbank.common.money.Money;
import com.fxbank.common.stereotype.UseCase;
import com.fxbank.common.operator.OperatorAction;
import com.fxbank.common.operator.OperatorActionLog;
import org.springframework.transaction.support.TransactionTemplate;

@UseCase
class OperatorService implements OperatorUseCase {

    private final AccountStore accounts;
    private final LedgerEntryStore entries;
    private final TransactionTemplate transaction;
    private final OperatorActionLog journal;
    private final Clock clock;

    OperatorService(AccountStore accounts, LedgerEntryStore entries, TransactionTemplate transaction,
                    OperatorActionLog journal, Clock clock) {
        this.accounts = accounts;
        this.entries = entries;
        this.transaction = transaction;
        this.journal = journal;
        this.clock = clock;
    }

    /** One top-up per reference: the entry's unique (reference, kind) decides, as for saga steps. */
    @Override
    public TopUpResult topUp(TopUpCommand command) {
        try {
            return transaction.execute(status -> {
                Optional<Account> locked = accounts.lock(command.accountId());
                if (locked.isEmpty()) {
                    return new TopUpResult.NoSuchAccount();
                }
                Account account = locked.get();
                if (!account.currency().equals(command.amount().currency())) {
                    return new TopUpResult.WrongCurrency(account);
                }
                return switch (account.topUp(command.amount(), command.reference())) {
                    case Account.Refused refused -> new TopUpResult.AboveCeiling(account);
                    case Account.Moved(Account after, LedgerEntry.New entry) -> {
                        LedgerEntry appended = entries.append(entry);
                        accounts.updateBalance(after.id(), after.balance());
                        yield new TopUpResult.Applied(appended);
                    }
                };
            });
        } catch (AlreadyRecordedException repeat) {
            LedgerEntry existing = entries.find(command.reference(), LedgerEntry.Kind.TOP_UP).orElseThrow();
            boolean same = existing.accountId().equals(command.accountId()) && existing.amount().equals(command.amount());
            return same ? new TopUpResult.AlreadyApplied(existing) : new TopUpResult.ConflictingRepeat(existing);
        }
    }

    /**
     * Freezing changes no balance and no entry (a refund of an earlier withdrawal still applies, so no money is held
     * back by it). The change and its line in the operators' journal commit together; setting what is already set
     * changes nothing and is still recorded (the operator asked, with a reason).
     */
    @Override
    public Optional<Account> setFrozen(AccountId accountId, boolean frozen, String operator, String reason) {
        return transaction.execute(status -> accounts.lock(accountId).map(account -> {
            accounts.updateFrozen(accountId, frozen);
            journal.append(new OperatorAction(clock.instant(), operator,
                    frozen ? OperatorAction.Kind.FREEZE : OperatorAction.Kind.UNFREEZE, accountId.toString(), reason,
                    account.frozen() == frozen ? "was " + (frozen ? "frozen" : "not frozen") + " already"
                            : (frozen ? "frozen" : "unfrozen") + "; balance " + account.balance()));
            return accounts.find(accountId).orElseThrow();
        }));
    }

    @Override
    public Optional<Account> setLimits(AccountId accountId, Optional<Money> maxBalance, Optional<Money> maxWithdrawal,
                                       String operator, String reason) {
        return transaction.execute(status -> accounts.lock(accountId).map(account -> {
            maxBalance.ifPresent(limit -> requireCurrency(account, limit));
            maxWithdrawal.ifPresent(limit -> requireCurrency(account, limit));
            accounts.updateLimits(accountId, maxBalance, maxWithdrawal);
            journal.append(new OperatorAction(clock.instant(), operator, OperatorAction.Kind.SET_LIMITS, accountId.toString(),
                    reason, "max balance " + shown(account.maxBalance()) + " -> " + shown(maxBalance)
                            + ", max withdrawal " + shown(account.maxWithdrawal()) + " -> " + shown(maxWithdrawal)));
            return accounts.find(accountId).orElseThrow();
        }));
    }

    private static String shown(Optional<Money> limit) {
        return limit.map(Money::toString).orElse("none");
    }

    private static void requireCurrency(Account account, Money limit) {
        if (!account.currency().equals(limit.currency()) || limit.isNegative()) {
            throw new IllegalArgumentException("a limit of account " + account.id() + " must be a non-negative amount of "
                    + account.currency() + ", got " + limit);
        }
    }
}
