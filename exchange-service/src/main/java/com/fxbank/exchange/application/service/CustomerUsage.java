package com.fxbank.exchange.application.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import com.fxbank.common.money.Money;
import com.fxbank.common.stereotype.UseCase;
import com.fxbank.exchange.application.port.in.LimitsQuery;
import com.fxbank.exchange.application.port.out.UsageStore;
import com.fxbank.exchange.domain.BusinessDay;
import com.fxbank.exchange.domain.CustomerLimits;
import com.fxbank.exchange.domain.Exchange;
import com.fxbank.exchange.domain.ExchangeState;
import com.fxbank.exchange.domain.LimitTerms;

/**
 * The customers' limits as quotes and exchanges meet them: checked when a quote is asked for, taken when the exchange
 * is stored STARTED (in that transaction, guarded by the database), given back when it ends FAILED or FAILED_REFUNDED
 * (in the transaction that records that end, so once). An exchange counts in the business day it started.
 */
@UseCase
class CustomerUsage implements LimitsQuery {

    private final UsageStore store;
    private final LimitTerms terms;
    private final Clock clock;

    CustomerUsage(UsageStore store, LimitTerms terms, Clock clock) {
        this.store = store;
        this.terms = terms;
        this.clock = clock;
    }

    /** Why a quote of {@code usd} USD equivalent would take {@code owner} past a limit now, if it would. */
    Optional<String> refusal(String owner, Money usd, Instant now) {
        return terms.defaults().refusal(store.usage(owner, terms.dayOf(now)), usd);
    }

    /** Before the exchange's transaction: its counters exist (see {@link UsageStore#prepare}). */
    void prepareFor(Exchange exchange) {
        store.prepare(exchange.owner(), dayOf(exchange));
    }

    /** In the transaction that stores the exchange STARTED. */
    void take(Exchange exchange) {
        store.take(exchange.owner(), dayOf(exchange), exchange.quote().usdEquivalent(), terms.defaults());
    }

    /** What to tell the customer whose exchange {@link #take} refused. */
    String whyOver(Exchange exchange) {
        Money usd = exchange.quote().usdEquivalent();
        return terms.defaults().refusal(store.usage(exchange.owner(), dayOf(exchange)), usd)
                .orElse("this exchange (" + usd.amount().toPlainString() + " USD equivalent) would take you past a limit");
    }

    /** In the transaction that records {@code transition}: an exchange that ended without moving money gives its share back. */
    void settle(Exchange.Transition transition) {
        ExchangeState end = transition.to().state();
        if (end == ExchangeState.FAILED || end == ExchangeState.FAILED_REFUNDED) {
            Exchange exchange = transition.to();
            store.giveBack(exchange.owner(), dayOf(exchange), exchange.quote().usdEquivalent());
        }
    }

    @Override
    public Limits limitsOf(String owner) {
        BusinessDay day = terms.dayOf(clock.instant());
        CustomerLimits limits = terms.defaults();
        CustomerLimits.Usage usage = store.usage(owner, day);
        return new Limits(day, terms.businessZone(), limits.daily(), usage.today(), limits.leftToday(usage),
                limits.yearly(), usage.thisYear(), limits.leftThisYear(usage));
    }

    private BusinessDay dayOf(Exchange exchange) {
        return terms.dayOf(exchange.createdAt());
    }
}
