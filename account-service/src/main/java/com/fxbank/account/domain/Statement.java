package com.fxbank.account.domain;

import java.time.Instant;
import java.util.List;

import com.fxbank.common.money.Money;

/**
 * One account's entries in the period [from, to), between its balance before the period and its balance at its end.
 * The opening balance is the sum of every entry made before {@code from}, so one period's closing balance is the next
 * period's opening balance, and the closing balance of a period that ends now is the account's balance.
 */
public record Statement(AccountId account, Instant from, Instant to, Money opening, List<LedgerEntry> entries,
                        Money closing) {

    /** The most entries one statement holds: a longer period is asked for in parts. */
    public static final int MOST_ENTRIES = 1_000;

    public Statement {
        entries = List.copyOf(entries);
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
        Money sum = opening;
        for (LedgerEntry entry : entries) {
            sum = sum.plus(entry.amount());
        }
        if (sum.compareTo(closing) != 0) {
            throw new IllegalStateException("statement of " + account + " does not reconcile: " + opening + " + entries = "
                    + sum + ", not " + closing);
        }
    }

    public static Statement of(AccountId account, Instant from, Instant to, Money opening, List<LedgerEntry> entries) {
        Money closing = opening;
        for (LedgerEntry entry : entries) {
            closing = closing.plus(entry.amount());
        }
        return new Statement(account, from, to, opening, entries, closing);
    }
}
