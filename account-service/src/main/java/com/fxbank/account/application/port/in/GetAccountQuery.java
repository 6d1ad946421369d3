package com.fxbank.account.application.port.in;

import java.util.List;
import java.util.Optional;

import com.fxbank.account.domain.Account;
import com.fxbank.account.domain.AccountId;
import com.fxbank.account.domain.LedgerEntry;
import com.fxbank.account.domain.Owner;

public interface GetAccountQuery {

    Optional<Account> account(AccountId id);

    List<Account> accountsOf(Owner owner);

    /** Newest first. */
    List<LedgerEntry> entries(AccountId id, int page, int size);
}
