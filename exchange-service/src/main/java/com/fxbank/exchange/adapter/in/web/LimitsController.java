package com.fxbank.exchange.adapter.in.web;

import java.time.LocalDate;

import com.fxbank.common.stereotype.WebAdapter;
import com.fxbank.exchange.application.port.in.LimitsQuery.Limits;
import com.fxbank.exchange.application.port.in.LimitsQuery;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Role CUSTOMER: my limits, and what is left of them today and this year. Only ever the caller's own. */
@WebAdapter
@RestController
@RequestMapping("/api/v1/limits")
class LimitsController {

    private final LimitsQuery limits;

    LimitsController(LimitsQuery limits) {
        this.limits = limits;
    }

    /** Amounts in USD equivalent, as plain decimal strings. */
    record LimitsResponse(String currency, LocalDate businessDay, String businessZone, boolean own, Period daily,
                          Period yearly) {
        record Period(String limit, String used, String left) {
        }

        static LimitsResponse of(Limits limits) {
            return new LimitsResponse("USD", limits.day().date(), limits.businessZone().getId(), limits.own(),
                    new Period(limits.daily().amount().toPlainString(), limits.usedToday().amount().toPlainString(),
                            limits.leftToday().amount().toPlainString()),
                    new Period(limits.yearly().amount().toPlainString(), limits.usedThisYear().amount().toPlainString(),
                            limits.leftThisYear().amount().toPlainString()));
        }
    }

    @GetMapping
    @Operation(summary = "My daily and yearly limits in USD equivalent, what I used and what is left (business day in "
            + "the bank's zone)")
    LimitsResponse mine(@AuthenticationPrincipal Jwt token) {
        return LimitsResponse.of(limits.limitsOf(token.getSubject()));
    }
}
