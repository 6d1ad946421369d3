package com.fxbank.account.domain;

import java.time.Instant;
import java.util.Currency;
import java.util.Objects;

import com.fxbank.common.money.Money;

/** A customer's account in one currency. Its balance is never negative. */
public record Account(AccountId id, Owner owner, Money balance, Instant openedAt) {

    public Account {
        Objects.requireNonNull(id);
        Objects.requireNonNull(owner);
        Objects.requireNonNull(balance);
        Objects.requireNonNull(openedAt);
        if (balance.isNegative()) {
            throw new IllegalStateException("account " + id + " would have a negative balance: " + balance);
        }
    }

    public static Account open(Owner owner, Currency currency, Instant now) {
        return new Account(AccountId.newId(), owner, Money.zero(currency), now);
    }

    public Currency currency() {
        return balance.currency();
    }
}
