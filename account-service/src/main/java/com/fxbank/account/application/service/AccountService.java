package com.fxbank.account.application.service;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import com.fxbank.account.application.port.in.GetAccountQuery;
import com.fxbank.account.application.port.in.OpenAccountUseCase;
import com.fxbank.account.application.port.out.AccountStore;
import com.fxbank.account.application.port.out.LedgerEntryStore;
import com.fxbank.account.domain.HeldCurrencies;
import com.fxbank.account.domain.Account;
import com.fxbank.account.domain.AccountId;
import com.fxbank.account.domain.LedgerEntry;
import com.fxbank.account.domain.Owner;
import com.fxbank.common.stereotype.UseCase;
import org.springframework.transaction.annotation.Transactional;

@UseCase
class AccountService implements OpenAccountUseCase, GetAccountQuery {

    private final AccountStore accounts;
    private final LedgerEntryStore entries;
    private final HeldCurrencies held;
    private final Clock clock;

    AccountService(AccountStore accounts, LedgerEntryStore entries, HeldCurrencies held, Clock clock) {
        this.accounts = accounts;
        this.entries = entries;
        this.held = held;
        this.clock = clock;
    }

    /** No surrounding transaction: the insert stands alone, and the look-up after a conflict sees the winner. */
    @Override
    public OpenAccountResult open(OpenAccountCommand command) {
        if (!held.contains(command.currency())) {
            return new OpenAccountResult.CurrencyNotHeld(command.currency(), held.currencies());
        }
        Account account = Account.open(command.owner(), command.currency(), clock.instant());
        if (accounts.insert(account)) {
            return new OpenAccountResult.Opened(account);
        }
        return new OpenAccountResult.AlreadyExists(accounts.find(command.owner(), command.currency()).orElseThrow());
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Account> account(AccountId id) {
        return accounts.find(id);
    }

    @Override
    @Transactional(readOnly = true)
    public List<Account> accountsOf(Owner owner) {
        return accounts.findAll(owner);
    }

    @Override
    @Transactional(readOnly = true)
    public List<LedgerEntry> entries(AccountId id, int page, int size) {
        if (page < 0 || size < 1 || size > 200) {
            throw new IllegalArgumentException("page must be >= 0 and size between 1 and 200");
        }
        return entries.page(id, page, size);
    }
}
