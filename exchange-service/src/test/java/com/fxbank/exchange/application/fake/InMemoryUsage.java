package com.fxbank.exchange.application.fake;

import java.util.HashMap;
import java.util.Map;

import com.fxbank.common.money.Money;
import com.fxbank.exchange.application.port.out.UsageStore;
import com.fxbank.exchange.domain.BusinessDay;
import com.fxbank.exchange.domain.CustomerLimits;
import com.fxbank.testsupport.InMemoryTransactions;

/** Customers' usage in memory, with the JDBC store's guard: a take that would pass a limit changes nothing and throws. */
public final class InMemoryUsage implements UsageStore {

    private final Map<String, Money> used = new HashMap<>();
    private final InMemoryTransactions transactions;

    public InMemoryUsage(InMemoryTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public synchronized CustomerLimits.Usage usage(String owner, BusinessDay day) {
        return new CustomerLimits.Usage(day, get(owner + "/" + day.date()), get(owner + "/" + day.year()));
    }

    @Override
    public void prepare(String owner, BusinessDay day) {
    }

    @Override
    public synchronized void take(String owner, BusinessDay day, Money amount, CustomerLimits limits) {
        CustomerLimits.Usage usage = usage(owner, day);
        if (usage.today().plus(amount).compareTo(limits.daily()) > 0
                || usage.thisYear().plus(amount).compareTo(limits.yearly()) > 0) {
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
