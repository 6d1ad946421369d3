package com.fxbank.exchange.adapter.in.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import com.fxbank.common.input.ClientInput;
import com.fxbank.common.stereotype.WebAdapter;
import com.fxbank.exchange.application.port.in.ReportsQuery.LargeExchanges;
import com.fxbank.exchange.application.port.in.ReportsQuery;
import com.fxbank.exchange.domain.Exchange;
import com.fxbank.exchange.domain.LargeExchange;
import com.fxbank.exchange.domain.LimitTerms;
import com.fxbank.exchange.domain.ReportingTerms;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What the bank files with the authorities (docs/exchange-service.md, "Large-exchange reports"). */
@WebAdapter
@RestController
@RequestMapping("/ops/v1/reports")
@Tag(name = "Reports (operator)", description = "Role OPERATOR")
class OperatorReportsController {

    private final ReportsQuery reports;
    private final LimitTerms terms;
    private final Clock clock;

    OperatorReportsController(ReportsQuery reports, LimitTerms terms, Clock clock) {
        this.reports = reports;
        this.terms = terms;
        this.clock = clock;
    }

    /** Amounts as exact decimal strings; {@code usdEquivalent} and {@code customerDayTotalUsd} in USD. */
    record LargeExchangeRow(String exchangeId, String customer, String direction, String currency, String fxAmount,
                            String krwAmount, String rate, String midRate, String usdEquivalent, Instant startedAt,
                            Instant completedAt, String customerDayTotalUsd, List<String> reasons) {
        static LargeExchangeRow of(LargeExchange large) {
            Exchange exchange = large.exchange();
            return new LargeExchangeRow(exchange.id().toString(), exchange.owner(), exchange.direction().name(),
                    exchange.quote().fxAmount().currency().getCurrencyCode(),
                    exchange.quote().fxAmount().amount().toPlainString(),
                    exchange.quote().krwAmount().amount().toPlainString(), exchange.quote().rate().toPlainString(),
                    exchange.quote().mid().krwPerUnit().toPlainString(),
                    exchange.quote().usdEquivalent().amount().toPlainString(), exchange.createdAt(), exchange.updatedAt(),
                    large.customerDayTotal().amount().toPlainString(),
                    large.reasons().stream().sorted().map(OperatorReportsController::named).toList());
        }
    }

    record Thresholds(String singleExchangeUsd, String customerDayUsd) {
    }

    record LargeExchangesResponse(LocalDate businessDay, String businessZone, Thresholds thresholds, int page, int size,
                                  boolean more, List<LargeExchangeRow> exchanges) {
    }

    @GetMapping("/large-exchanges")
    @Operation(summary = "The completed exchanges of a business day (date, e.g. 2026-12-03; today in the bank's zone by "
            + "default) that the bank reports: each worth more than the single-exchange threshold, and every exchange of "
            + "a customer whose completed exchanges that day come to more than the customer-day threshold; with "
            + "customer, amounts, rate, mid rate and USD equivalent; oldest first, page from 0, size 1 to 500")
    LargeExchangesResponse largeExchanges(@RequestParam(required = false) String date,
                                          @RequestParam(defaultValue = "0") int page,
                                          @RequestParam(defaultValue = "100") int size) {
        LocalDate day = date == null || date.isEmpty() ? terms.dayOf(clock.instant()).date() : date(date);
        LargeExchanges found = reports.largeExchanges(day, page, size);
        ReportingTerms thresholds = found.terms();
        return new LargeExchangesResponse(found.date(), found.businessZone().getId(),
                new Thresholds(thresholds.singleExchange().amount().toPlainString(),
                        thresholds.customerDay().amount().toPlainString()),
                found.page(), found.size(), found.more(), found.exchanges().stream().map(LargeExchangeRow::of).toList());
    }

    private static LocalDate date(String text) {
        try {
            if (text.length() != 10) {
                throw new IllegalArgumentException("not yyyy-mm-dd");
            }
            LocalDate date = LocalDate.parse(text);
            if (date.getYear() < 1970) {
                throw new IllegalArgumentException("too early");
            }
            return date;
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException("date must be a business day such as 2026-12-03, from 1970, got "
                    + ClientInput.shown(text));
        }
    }

    private static String named(ReportingTerms.Reason reason) {
        return reason == ReportingTerms.Reason.SINGLE_EXCHANGE ? "single-exchange" : "customer-day";
    }
}
