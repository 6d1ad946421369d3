package com.fxbank.account.application.port.out;

import java.util.Currency;
import java.util.List;
import java.util.Optional;

import com.fxbank.account.domain.Account;
import com.fxbank.account.domain.AccountId;
import com.fxbank.account.domain.Owner;

public interface AccountStore {

    /**
     * Inserts a new account in a transaction of its own; false if the owner already holds one in that
     * currency (nothing written).
     */
    boolean insert(Account account);

    Optional<Account> find(AccountId id);

    Optional<Account> find(Owner owner, Currency currency);

    List<Account> findAll(Owner owner);
}
