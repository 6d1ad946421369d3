package com.fxbank.exchange.domain;

import java.util.Objects;
import java.util.Set;

import com.fxbank.common.money.Money;

/**
 * A completed exchange the bank reports ({@link ReportingTerms}): the exchange with its quote (customer, amounts, the
 * rate, the mid and the USD equivalent), what its customer's completed exchanges came to that business day, and why
 * it is reported.
 */
public record LargeExchange(Exchange exchange, Money customerDayTotal, Set<ReportingTerms.Reason> reasons) {

    public LargeExchange {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(customerDayTotal, "customerDayTotal");
        reasons = Set.copyOf(reasons);
    }
}
