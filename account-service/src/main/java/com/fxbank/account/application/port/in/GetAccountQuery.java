package com.fxbank.account.application.port.in;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fxbank.account.domain.Account;
import com.fxbank.account.domain.AccountId;
import com.fxbank.account.domain.LedgerEntry;
import com.fxbank.account.domain.Owner;
import com.fxbank.account.domain.Statement;

public interface GetAccountQuery {

    Optional<Account> account(AccountId id);

    List<Account> accountsOf(Owner owner);

    /** Newest first. */
    List<LedgerEntry> entries(AccountId id, int page, int size);

    /** The account's statement for [from, to); {@code to} no later than now. */
    StatementResult statement(Account account, Instant from, Instant to);

    sealed interface StatementResult {
        record Found(Statement statement) implements StatementResult {
        }

        /** More than {@link Statement#MOST_ENTRIES} entries in the period: nothing is returned, a shorter one is asked for. */
        record TooManyEntries(int most) implements StatementResult {
        }
    }
}
