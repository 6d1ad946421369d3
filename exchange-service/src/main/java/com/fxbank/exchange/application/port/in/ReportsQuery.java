package com.fxbank.exchange.application.port.in;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import com.fxbank.exchange.domain.LargeExchange;
import com.fxbank.exchange.domain.ReportingTerms;

/** What the bank files: the completed exchanges of a business day that its reporting thresholds name. */
public interface ReportsQuery {

    /** The large exchanges of business day {@code date}, oldest first; page from 0, size 1 to {@value #MAX_PAGE}. */
    LargeExchanges largeExchanges(LocalDate date, int page, int size);

    int MAX_PAGE = 500;

    record LargeExchanges(LocalDate date, ZoneId businessZone, ReportingTerms terms, int page, int size, boolean more,
                          List<LargeExchange> exchanges) {
    }
}
