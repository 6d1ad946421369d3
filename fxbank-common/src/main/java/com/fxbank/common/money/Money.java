package com.fxbank.common.money;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

import com.fxbank.common.input.ClientInput;

/**
 * An amount of one currency, always at that currency's ISO 4217 minor unit (KRW 0, JPY 0, USD 2, EUR 2).
 * Money is never rounded silently: an amount with more decimals than its currency has is refused, and
 * conversions say how they round where they do it.
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

    public Money {
        Objects.requireNonNull(amount, "amount is required");
        Objects.requireNonNull(currency, "currency is required");
        amount = atMinorUnit(amount, currency);
    }

    public static Money of(BigDecimal amount, String currencyCode) {
        return new Money(amount, currency(currencyCode));
    }

    public static Money of(String amount, String currencyCode) {
        Objects.requireNonNull(amount, "amount is required");
        try {
            return of(new BigDecimal(amount), currencyCode);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("amount " + ClientInput.shown(amount) + " is not a number");
        }
    }

    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    /** An ISO 4217 code, upper case, that the JDK knows; anything else is refused. */
    public static Currency currency(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code of three capital letters, got " + ClientInput.shown(code));
        }
        Currency currency;
        try {
            currency = Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown currency " + ClientInput.shown(code), e);
        }
        if (currency.getDefaultFractionDigits() < 0) {
            throw new IllegalArgumentException("currency " + code + " has no minor unit and cannot be held");
        }
        return currency;
    }

    public static int minorUnit(Currency currency) {
        return currency.getDefaultFractionDigits();
    }

    private static BigDecimal atMinorUnit(BigDecimal amount, Currency currency) {
        int minorUnit = minorUnit(currency);
        BigDecimal stripped = amount.stripTrailingZeros();
        if (stripped.scale() > minorUnit) {
            throw new IllegalArgumentException(amount.toPlainString() + " " + currency.getCurrencyCode()
                    + " has more decimals than the currency's minor unit (" + minorUnit + ")");
        }
        return amount.setScale(minorUnit);
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    public Money requirePositive() {
        if (!isPositive()) {
            throw new IllegalArgumentException("amount must be positive, got " + this);
        }
        return this;
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.subtract(other.amount), currency);
    }

    public Money negate() {
        return new Money(amount.negate(), currency);
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return amount.compareTo(other.amount);
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot combine " + currency + " with " + other.currency);
        }
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }
}
