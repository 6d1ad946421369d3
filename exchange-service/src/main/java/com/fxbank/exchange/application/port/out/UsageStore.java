package com.fxbank.exchange.application.port.out;

import java.util.Optional;

import com.fxbank.common.money.Money;
import com.fxbank.exchange.domain.BusinessDay;
import com.fxbank.exchange.domain.CustomerLimits;

/**
 * What each customer has used of their limits, per business day and business year. The guard is the database's: a
 * {@link #take} that would pass a limit changes nothing and throws, whatever runs beside it on any instance.
 */
public interface UsageStore {

    /** What a customer has used on a day and in its year, and their own limits if an operator set some. */
    record Standing(CustomerLimits.Usage usage, Optional<CustomerLimits> own) {

        /** The limits that hold for this customer: their own, else {@code defaults}. */
        public CustomerLimits limits(CustomerLimits defaults) {
            return own.orElse(defaults);
        }
    }

    /** What {@code owner} has used on {@code day} and in its year (zero where nothing was counted), in one read. */
    Standing standing(String owner, BusinessDay day);

    /**
     * Makes sure the day's and the year's counters of {@code owner} exist, in a transaction of its own (call it before
     * the transaction that takes usage: creating a row that another request creates at the same moment would abort it).
     */
    void prepare(String owner, BusinessDay day);

    /**
     * Adds {@code amount} to the day's and the year's usage, in the caller's transaction, only if neither passes its
     * limit: the customer's own limits as committed at that moment, else {@code defaults}.
     *
     * @throws LimitReachedException if one would (or a counter is missing): the transaction must roll back
     */
    void take(String owner, BusinessDay day, Money amount, CustomerLimits defaults);

    /** Takes {@code amount} back from the day's and the year's usage, in the caller's transaction. */
    void giveBack(String owner, BusinessDay day, Money amount);

    /**
     * Adds {@code amount} to what the customer's completed exchanges came to on {@code day}, in the caller's
     * transaction, and returns that total (the large-exchange report's customer-day figure).
     */
    Money complete(String owner, BusinessDay day, Money amount);

    class LimitReachedException extends RuntimeException {
        public LimitReachedException(String owner, BusinessDay day) {
            super("a limit of " + owner + " on " + day.date() + " would be passed");
        }
    }
}
