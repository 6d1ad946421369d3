package com.fxbank.account.application.service;

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
import org.springframework.transaction.support.TransactionTemplate;

@UseCase
class OperatorService implements OperatorUseCase {

    private final AccountStore accounts;
    private final LedgerEntryStore entries;
    private final TransactionTemplate transaction;

    OperatorService(AccountStore accounts, LedgerEntryStore entries, TransactionTemplate transaction) {
        this.accounts = accounts;
        this.entries = entries;
        this.transaction = transaction;
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
                if (account.wouldPassCeiling(command.amount())) {
                    return new TopUpResult.AboveCeiling(account);
                }
                Money after = account.balance().plus(command.amount());
                LedgerEntry entry = entries.append(account.id(), LedgerEntry.Kind.TOP_UP, command.amount(), after,
                        command.reference());
                accounts.updateBalance(account.id(), after);
                return new TopUpResult.Applied(entry);
            });
        } catch (AlreadyRecordedException repeat) {
            LedgerEntry existing = entries.find(command.reference(), LedgerEntry.Kind.TOP_UP).orElseThrow();
            boolean same = existing.accountId().equals(command.accountId()) && existing.amount().equals(command.amount());
            return same ? new TopUpResult.AlreadyApplied(existing) : new TopUpResult.ConflictingRepeat(existing);
        }
    }

    @Override
    public Optional<Account> setFrozen(AccountId accountId, boolean frozen) {
        return transaction.execute(status -> accounts.lock(accountId).map(account -> {
            accounts.updateFrozen(accountId, frozen);
            return accounts.find(accountId).orElseThrow();
        }));
    }

    @Override
    public Optional<Account> setLimits(AccountId accountId, Optional<Money> maxBalance, Optional<Money> maxWithdrawal) {
        return transaction.execute(status -> accounts.lock(accountId).map(account -> {
            maxBalance.ifPresent(limit -> requireCurrency(account, limit));
            maxWithdrawal.ifPresent(limit -> requireCurrency(account, limit));
            accounts.updateLimits(accountId, maxBalance, maxWithdrawal);
            return accounts.find(accountId).orElseThrow();
        }));
    }

    private static void requireCurrency(Account account, Money limit) {
        if (!account.currency().equals(limit.currency()) || limit.isNegative()) {
            throw new IllegalArgumentException("a limit of account " + account.id() + " must be a non-negative amount of "
                    + account.currency() + ", got " + limit);
        }
    }
}
