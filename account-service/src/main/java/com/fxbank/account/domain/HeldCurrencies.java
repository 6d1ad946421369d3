package com.fxbank.account.domain;

import java.util.Currency;
import java.util.Set;

/** The currencies this ledger keeps accounts in (KRW for krw-account; USD, EUR, JPY, … for fx-account). */
public record HeldCurrencies(Set<Currency> currencies) {

    public HeldCurrencies {
        if (currencies.isEmpty()) {
            throw new IllegalArgumentException("a ledger holds at least one currency");
        }
        currencies = Set.copyOf(currencies);
    }

    public boolean contains(Currency currency) {
        return currencies.contains(currency);
    }
}
