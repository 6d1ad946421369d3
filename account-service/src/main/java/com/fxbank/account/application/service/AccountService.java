package com.fxbank.account.application.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fxbank.account.application.port.in.BooksQuery;
import com.fxbank.account.application.port.in.GetAccountQuery;
import com.fxbank.account.application.port.in.OpenAccountUseCase;
import com.fxbank.account.application.port.out.AccountStore;
import com.fxbank.account.application.port.out.LedgerEntryStore;
import com.fxbank.account.domain.Account;
import com.fxbank.account.domain.AccountId;
import com.fxbank.account.domain.BankAccount;
import com.fxbank.account.domain.HeldCurrencies;
import com.fxbank.account.domain.LedgerEntry;
import com.fxbank.account.domain.Owner;
import com.fxbank.account.domain.Statement;
import com.fxbank.common.money.Money;
import com.fxbank.common.stereotype.UseCase;
import org.springframework.transaction.annotation.Transactional;

@UseCase
class AccountService implements OpenAccountUseCase, GetAccountQuery, BooksQuery {

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

    /** The opening balance is the sum of the entries before the period, the closing that plus the period's entries. */
    @Override
    @Transactional(readOnly = true)
    public StatementResult statement(Account account, Instant from, Instant to) {
        Instant now = clock.instant();
        Instant end = to.isAfter(now) ? now : to;
        if (!from.isBefore(end)) {
            throw new IllegalArgumentException("from must be before to (and before now)");
        }
        List<LedgerEntry> period = entries.between(account.id(), from, end, Statement.MOST_ENTRIES + 1);
        if (period.size() > Statement.MOST_ENTRIES) {
            return new StatementResult.TooManyEntries(Statement.MOST_ENTRIES);
        }
        return new StatementResult.Found(Statement.of(account.id(), from, end,
                entries.balanceBefore(account.id(), account.currency(), from), period));
    }

    @Override
    @Transactional(readOnly = true)
    /** Both of the bank's accounts in every currency held, zero where no leg is written yet. */
    public List<BankAccount.Balance> bankBalances() {
        Map<String, BankAccount.Balance> found = new HashMap<>();
        entries.bankBalances().forEach(balance -> found.put(balance.account() + " " + balance.balance().currency(), balance));
        List<BankAccount.Balance> all = new ArrayList<>();
        for (BankAccount account : BankAccount.values()) {
            held.currencies().stream().sorted(Comparator.comparing(Currency::getCurrencyCode))
                    .forEach(currency -> all.add(found.getOrDefault(account + " " + currency,
                            new BankAccount.Balance(account, Money.zero(currency), 0))));
        }
        return all;
    }
}
