package com.fxbank.account.domain;

import java.time.Instant;

import com.fxbank.common.money.Money;

/**
 * One movement of an account's balance. {@code amount} is signed (a withdrawal is negative);
 * {@code reference} is the exchangeId or the operator's reference; (reference, kind) is unique, so the
 * database itself refuses a second refund or a second top-up under one reference.
 */
public record LedgerEntry(long id, AccountId accountId, Kind kind, Money amount, Money balanceAfter,
                          String reference, Instant at) {

    public enum Kind { TOP_UP, WITHDRAWAL, DEPOSIT, WITHDRAWAL_REFUND }

    /**
     * An entry the domain decided on and the ledger has not stored yet (it gives the id and the time): what
     * {@link Account}'s operations return with the account as it is after it.
     */
    public record New(AccountId accountId, Kind kind, Money amount, Money balanceAfter, String reference) {
    }
}
