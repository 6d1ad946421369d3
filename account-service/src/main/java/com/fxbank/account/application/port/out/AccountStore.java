package com.fxbank.account.application.port.out;

import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fxbank.account.domain.Account;
import com.fxbank.account.domain.AccountId;
import com.fxbank.account.domain.Owner;
import com.fxbank.common.money.Money;

public interface AccountStore {

    /**
     * Inserts a new account in a transaction of its own; false if the owner already holds one in that
     * currency (nothing written).
     */
    boolean insert(Account account);

    Optional<Account> find(AccountId id);

    Optional<Account> find(Owner owner, Currency currency);

    List<Account> findAll(Owner owner);

    /** Reads and locks the account until the current transaction ends: balance changes are serialised. */
    Optional<Account> lock(AccountId id);

    Optional<Account> lock(Owner owner, Currency currency);

    /** Reads and locks these accounts, in the order of their ids (so that two such transactions cannot deadlock). */
    List<Account> lockAll(Collection<AccountId> ids);

    /** Sets the balance of an account locked by this transaction. */
    void updateBalance(AccountId id, Money balance);

    /** {@link #updateBalance} of many accounts in one batched statement. */
    void updateBalances(Map<AccountId, Money> balances);

    void updateFrozen(AccountId id, boolean frozen);

    void updateLimits(AccountId id, Optional<Money> maxBalance, Optional<Money> maxWithdrawal);
}
