package com.fxbank.account.adapter.in.web;

import java.math.BigDecimal;
import java.util.Optional;

import com.fxbank.common.money.Amounts;
import com.fxbank.common.money.Money;

/**
 * Turns request fields into domain values, with a 400 that names the field when one is missing. Amounts
 * arrive as text (a JSON string, or a JSON number kept as its literal) and pass {@link Amounts#parse} before
 * anything computes with them.
 */
final class Requests {

    private Requests() {
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    /** Far above any real movement, and well inside the ledger's NUMERIC(19, 4) columns. */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");

    static Money money(String amount, String currency, String field) {
        Money money = Money.of(Amounts.parse(amount, field), required(currency, "currency"));
        if (money.amount().compareTo(MAX_AMOUNT) > 0) {
            throw new IllegalArgumentException(field + " must be at most " + MAX_AMOUNT.toPlainString() + " " + currency);
        }
        return money;
    }

    static Optional<Money> optionalMoney(String amount, String currency, String field) {
        return Optional.ofNullable(amount).map(value -> money(value, currency, field));
    }
}
