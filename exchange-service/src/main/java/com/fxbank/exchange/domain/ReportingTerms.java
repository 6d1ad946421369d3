package com.fxbank.exchange.domain;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import com.fxbank.common.money.Money;

/**
 * Which completed exchanges the bank reports to the authorities, in USD equivalent (each at its quote's mid rate): one
 * worth more than {@code singleExchange}, and every exchange of a customer whose completed exchanges in a business day
 * come to more than {@code customerDay} (a day of exchanges each below the first threshold is how reporting is dodged).
 */
public record ReportingTerms(Money singleExchange, Money customerDay) {

    /** Why an exchange is reported. */
    public enum Reason {
        /** It alone is worth more than the single-exchange threshold. */
        SINGLE_EXCHANGE,
        /** Its customer's completed exchanges that business day come to more than the customer-day threshold. */
        CUSTOMER_DAY
    }

    public ReportingTerms {
        Objects.requireNonNull(singleExchange, "singleExchange");
        Objects.requireNonNull(customerDay, "customerDay");
        if (!singleExchange.currency().equals(CustomerLimits.USD) || !customerDay.currency().equals(CustomerLimits.USD)
                || !singleExchange.isPositive() || !customerDay.isPositive()) {
            throw new IllegalArgumentException("reporting thresholds are positive USD amounts, got " + singleExchange
                    + " and " + customerDay);
        }
    }

    /** Why an exchange of {@code usd} is reported, given its customer's completed total {@code dayTotal} that day. */
    public Set<Reason> reasons(Money usd, Money dayTotal) {
        Set<Reason> reasons = EnumSet.noneOf(Reason.class);
        if (usd.compareTo(singleExchange) > 0) {
            reasons.add(Reason.SINGLE_EXCHANGE);
        }
        if (dayTotal.compareTo(customerDay) > 0) {
            reasons.add(Reason.CUSTOMER_DAY);
        }
        return reasons;
    }

    /**
     * What the completion of an exchange of {@code usd}, which brought its customer's completed day to {@code dayTotal},
     * adds to the count of reportable things: the exchange when it alone passes the first threshold, the customer's
     * day when this exchange took it past the second (counted once per customer and day).
     */
    public Set<Reason> newlyReportable(Money usd, Money dayTotal) {
        Set<Reason> reasons = EnumSet.noneOf(Reason.class);
        if (usd.compareTo(singleExchange) > 0) {
            reasons.add(Reason.SINGLE_EXCHANGE);
        }
        if (dayTotal.compareTo(customerDay) > 0 && dayTotal.minus(usd).compareTo(customerDay) <= 0) {
            reasons.add(Reason.CUSTOMER_DAY);
        }
        return reasons;
    }
}
