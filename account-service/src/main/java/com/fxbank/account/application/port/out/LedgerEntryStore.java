package com.fxbank.account.application.port.out;

import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

import com.fxbank.account.domain.AccountId;
import com.fxbank.account.domain.BankAccount;
import com.fxbank.account.domain.LedgerEntry;
import com.fxbank.common.money.Money;

public interface LedgerEntryStore {

    /**
     * Appends a customer's entry and its counter-leg on the bank's account ({@link BankAccount#counterLegOf}), in the
     * caller's transaction.
     *
     * @throws AlreadyRecordedException if (reference, kind) exists: the transaction must roll back
     */
    LedgerEntry append(LedgerEntry.New entry);

    Optional<LedgerEntry> find(String reference, LedgerEntry.Kind kind);

    /**
     * Appends many entries in one batched statement, and their counter-legs in one more.
     *
     * @throws AlreadyRecordedException if one (reference, kind) exists: the transaction must roll back
     */
    void appendAll(List<LedgerEntry.New> entries);

    /** Every entry made under {@code reference} (an exchange's withdrawal, deposit, refund), oldest first. */
    List<LedgerEntry> ofReference(String reference);

    /** Newest first. */
    List<LedgerEntry> page(AccountId accountId, int page, int size);

    /** The balance of each of the bank's accounts that has a leg: the sum of its legs (they have no stored balance). */
    List<BankAccount.Balance> bankBalances();

    /** The sum of the account's entries made before {@code at}. */
    Money balanceBefore(AccountId accountId, Currency currency, Instant at);

    /** The account's entries made in [from, to), oldest first, at most {@code atMost} of them. */
    List<LedgerEntry> between(AccountId accountId, Instant from, Instant to, int atMost);
}
