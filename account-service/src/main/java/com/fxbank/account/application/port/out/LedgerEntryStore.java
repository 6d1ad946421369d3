package com.fxbank.account.application.port.out;

import java.util.List;
import java.util.Optional;

import com.fxbank.account.domain.AccountId;
import com.fxbank.account.domain.LedgerEntry;
import com.fxbank.common.money.Money;

public interface LedgerEntryStore {

    /** @throws AlreadyRecordedException if (reference, kind) exists: the transaction must roll back */
    LedgerEntry append(AccountId accountId, LedgerEntry.Kind kind, Money amount, Money balanceAfter, String reference);

    Optional<LedgerEntry> find(String reference, LedgerEntry.Kind kind);

    /**
     * Appends many entries in one batched statement (issue 16).
     *
     * @throws AlreadyRecordedException if one (reference, kind) exists: the transaction must roll back
     */
    void appendAll(List<NewEntry> entries);

    record NewEntry(AccountId accountId, LedgerEntry.Kind kind, Money amount, Money balanceAfter, String reference) {
    }

    /** Every entry made under {@code reference} (an exchange's withdrawal, deposit, refund), oldest first. */
    java.util.List<LedgerEntry> ofReference(String reference);

    /** Newest first. */
    List<LedgerEntry> page(AccountId accountId, int page, int size);
}
