package com.fxbank.exchange.application.fake;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.fxbank.common.money.Money;
import com.fxbank.exchange.application.port.out.UsageStore;
import com.fxbank.exchange.domain.BusinessDay;
import com.fxbank.exchange.domain.CustomerLimits;
import com.fxbank.testsupport.InMemoryTransactions;

/**
 * Customers' usage in memory, with the JDBC store's guard: a take that would pass a limit (the customer's own, else the
 * defaults) changes nothing and throws.
 */
public final class InMemoryUsage implements UsageStore {

    private final Map<String, Money> used = new HashMap<>();
    private final Map<String, CustomerLimits> own = new HashMap<>();
    private final InMemoryTransactions transactions;

    public InMemoryUsage(InMemoryTransactions transactions) {
        this.transactions = transactions;
    }

    /** Gives {@code owner} limits of their own, as an operator's override does. */
    public synchronized void override(String owner, CustomerLimits limits) {
        own.put(owner, limits);
    }

    /** What {@code owner}'s completed exchanges came to on {@code day}. */
    public synchronized Money completed(String owner, BusinessDay day) {
        return get(owner + "/" + day.date() + "/completed");
    }

    @Override
    public synchronized Standing standing(String owner, BusinessDay day) {
        return new Standing(new CustomerLimits.Usage(day, get(owner + "/" + day.date()), get(owner + "/" + day.year())),
                Optional.ofNullable(own.get(owner)));
    }

    @Override
    public void prepare(String owner, BusinessDay day) {
    }

    @Override
    public synchronized void take(String owner, BusinessDay day, Money amount, CustomerLimits defaults) {
        Standing standing = standing(owner, day);
        CustomerLimits limits = standing.limits(defaults);
        if (standing.usage().today().plus(amount).compareTo(limits.daily()) > 0
                || standing.usage().thisYear().plus(amount).compareTo(limits.yearly()) > 0) {
            throw new LimitReachedException(owner, day);
        }
        add(owner + "/" + day.date(), amount);
        add(owner + "/" + day.year(), amount);
    }

    @Override
    public synchronized void giveBack(String owner, BusinessDay day, Money amount) {
        add(owner + "/" + day.date(), amount.negate());
        add(owner + "/" + day.year(), amount.negate());
    }

    @Override
    public synchronized Money complete(String owner, BusinessDay day, Money amount) {
        add(owner + "/" + day.date() + "/completed", amount);
        return completed(owner, day);
    }

    private Money get(String key) {
        return used.getOrDefault(key, Money.zero(CustomerLimits.USD));
    }

    private void add(String key, Money amount) {
        Money before = get(key);
        used.put(key, before.plus(amount));
        transactions.onRollback(() -> {
            synchronized (this) {
                used.put(key, before);
            }
        });
    }
}
