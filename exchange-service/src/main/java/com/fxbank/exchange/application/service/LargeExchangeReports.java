package com.fxbank.exchange.application.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fxbank.common.stereotype.UseCase;
import com.fxbank.exchange.application.port.in.ReportsQuery;
import com.fxbank.exchange.application.port.out.ExchangeStore;
import com.fxbank.exchange.domain.BusinessDay;
import com.fxbank.exchange.domain.LargeExchange;
import com.fxbank.exchange.domain.LimitTerms;
import com.fxbank.exchange.domain.ReportingTerms;

/**
 * The large-exchange report: a business day's completed exchanges over the single-exchange threshold, and every
 * completed exchange of a customer whose completed day is over the customer-day threshold. An exchange belongs to the
 * business day it started, as it does for the limits.
 */
@UseCase
class LargeExchangeReports implements ReportsQuery {

    private static final int MAX_REACH = 10_000;

    private final ExchangeStore exchanges;
    private final LimitTerms limits;
    private final ReportingTerms terms;

    LargeExchangeReports(ExchangeStore exchanges, LimitTerms limits, ReportingTerms terms) {
        this.exchanges = exchanges;
        this.limits = limits;
        this.terms = terms;
    }

    @Override
    public LargeExchanges largeExchanges(LocalDate date, int page, int size) {
        // A page is found by skipping the rows before it: bounded, so that no page costs more than the first 10,000 rows.
        if (page < 0 || size < 1 || size > MAX_PAGE || (long) page * size >= MAX_REACH) {
            throw new IllegalArgumentException("size must be 1 to " + MAX_PAGE + " and a page must start before row "
                    + MAX_REACH + ", got page " + page + " and size " + size);
        }
        Instant from = date.atStartOfDay(limits.businessZone()).toInstant();
        Instant to = date.plusDays(1).atStartOfDay(limits.businessZone()).toInstant();
        List<LargeExchange> found = exchanges.largeExchanges(new BusinessDay(date), from, to, terms, page * size, size + 1);
        boolean more = found.size() > size;
        return new LargeExchanges(date, limits.businessZone(), terms, page, size, more,
                more ? found.subList(0, size) : found);
    }
}
