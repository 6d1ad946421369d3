package com.fxbank.exchange.application.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import com.fxbank.common.money.Money;
import com.fxbank.common.stereotype.UseCase;
import com.fxbank.exchange.application.port.in.LimitsQuery;
import com.fxbank.exchange.application.port.out.UsageStore;
import com.fxbank.exchange.domain.BusinessDay;
import com.fxbank.exchange.domain.CustomerLimits;
import com.fxbank.exchange.domain.Exchange;
import com.fxbank.exchange.domain.LimitTerms;
import com.fxbank.exchange.domain.ReportingTerms;

/**
 * The customers' limits as quotes and exchanges meet them: checked when a quote is asked for, taken when the exchange
 * is stored STARTED (in that transaction, guarded by the database), given back when it ends FAILED or FAILED_REFUNDED
 * (in the transaction that records that end, so once). An exchange counts in the business day it started. The limits
 * are the bank's defaults, or the customer's own where an operator set them; the database's guard reads those as it
 * takes, so a change holds from the very next exchange on every instance.
 */
@UseCase
class CustomerUsage implements LimitsQuery {

    private final UsageStore store;
    private final LimitTerms terms;
    private final ReportingTerms reporting;
    private final Clock clock;

    CustomerUsage(UsageStore store, LimitTerms terms, ReportingTerms reporting, Clock clock) {
        this.store = store;
        this.terms = terms;
        this.reporting = reporting;
        this.clock = clock;
    }

    /** Why a quote of {@code usd} USD equivalent would take {@code owner} past a limit now, if it would. */
    Optional<String> refusal(String owner, Money usd, Instant now) {
        UsageStore.Standing standing = store.standing(owner, terms.dayOf(now));
        return standing.limits(terms.defaults()).refusal(standing.usage(), usd);
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
        UsageStore.Standing standing = store.standing(exchange.owner(), dayOf(exchange));
        return standing.limits(terms.defaults()).refusal(standing.usage(), usd)
                .orElse("this exchange (" + usd.amount().toPlainString() + " USD equivalent) would take you past a limit");
    }

    /**
     * In the transaction that records {@code transition}: an exchange that ended without moving money gives its share
     * back; one that completed adds to its customer's completed day. Returns what the completion made reportable (to be
     * counted once that transaction committed).
     */
    Set<ReportingTerms.Reason> settle(Exchange.Transition transition) {
        Exchange exchange = transition.to();
        Money usd = exchange.quote().usdEquivalent();
        return switch (exchange.state()) {
            case FAILED, FAILED_REFUNDED -> {
                store.giveBack(exchange.owner(), dayOf(exchange), usd);
                yield Set.of();
            }
            case COMPLETED -> reporting.newlyReportable(usd, store.complete(exchange.owner(), dayOf(exchange), usd));
            default -> Set.of();
        };
    }

    @Override
    public Limits limitsOf(String owner) {
        BusinessDay day = terms.dayOf(clock.instant());
        UsageStore.Standing standing = store.standing(owner, day);
        CustomerLimits limits = standing.limits(terms.defaults());
        CustomerLimits.Usage usage = standing.usage();
        return new Limits(day, terms.businessZone(), standing.own().isPresent(), limits.daily(), usage.today(),
                limits.leftToday(usage), limits.yearly(), usage.thisYear(), limits.leftThisYear(usage));
    }

    private BusinessDay dayOf(Exchange exchange) {
        return terms.dayOf(exchange.createdAt());
    }
}
