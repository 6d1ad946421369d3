package com.fxbank.exchange.domain;

import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

import com.fxbank.common.money.Money;

/**
 * What one customer may exchange in a business day and in a business year, in USD equivalent (every exchange counted
 * at its quote's mid rate, so that a limit means the same in EUR or JPY). An exchange takes its share when it starts
 * and gives it back, once, if it ends FAILED or FAILED_REFUNDED; a completed one, or one still on its way, counts.
 */
public record CustomerLimits(Money daily, Money yearly) {

    public static final Currency USD = Currency.getInstance("USD");

    public CustomerLimits {
        Objects.requireNonNull(daily, "daily");
        Objects.requireNonNull(yearly, "yearly");
        if (!daily.currency().equals(USD) || !yearly.currency().equals(USD)) {
            throw new IllegalArgumentException("customer limits are in USD, got " + daily + " and " + yearly);
        }
        if (!daily.isPositive() || !yearly.isPositive()) {
            throw new IllegalArgumentException("customer limits must be positive, got " + daily + " and " + yearly);
        }
    }

    /** What a customer has used of their limits on one business day (and in its business year). */
    public record Usage(BusinessDay day, Money today, Money thisYear) {
    }

    /** Why an exchange of {@code more} USD equivalent would break a limit given {@code usage}, naming what is left. */
    public Optional<String> refusal(Usage usage, Money more) {
        if (usage.today().plus(more).compareTo(daily) > 0) {
            return Optional.of(describe("daily", daily, usage.today(), more, "today (" + usage.day().date() + ")"));
        }
        if (usage.thisYear().plus(more).compareTo(yearly) > 0) {
            return Optional.of(describe("yearly", yearly, usage.thisYear(), more, "this year (" + usage.day().year() + ")"));
        }
        return Optional.empty();
    }

    /** What is left of each limit. */
    public Money leftToday(Usage usage) {
        return left(daily, usage.today());
    }

    public Money leftThisYear(Usage usage) {
        return left(yearly, usage.thisYear());
    }

    private static Money left(Money limit, Money used) {
        Money left = limit.minus(used);
        return left.isNegative() ? Money.zero(USD) : left;
    }

    private static String describe(String which, Money limit, Money used, Money more, String when) {
        return "this exchange (" + more.amount().toPlainString() + " USD equivalent) would take you past your " + which
                + " limit of " + limit.amount().toPlainString() + " USD: " + left(limit, used).amount().toPlainString()
                + " USD left " + when;
    }
}
