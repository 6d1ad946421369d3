package com.fxbank.account.adapter.in.web;

import java.math.BigDecimal;
import java.util.Optional;

import com.fxbank.common.money.Money;

/** Turns request fields into domain values, with a 400 that names the field when one is missing. */
final class Requests {

    private Requests() {
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    static Money money(BigDecimal amount, String currency, String field) {
        return Money.of(required(amount, field), required(currency, "currency"));
    }

    static Optional<Money> optionalMoney(BigDecimal amount, String currency) {
        return Optional.ofNullable(amount).map(value -> Money.of(value, currency));
    }
}
