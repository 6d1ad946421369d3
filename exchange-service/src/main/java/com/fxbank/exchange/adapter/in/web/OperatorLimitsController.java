package com.fxbank.exchange.adapter.in.web;

import java.math.BigDecimal;
import java.security.Principal;
import java.time.Instant;
import java.util.List;

import com.fxbank.common.input.ClientInput;
import com.fxbank.common.money.Amounts;
import com.fxbank.common.money.Money;
import com.fxbank.common.stereotype.WebAdapter;
import com.fxbank.common.web.Problems;
import com.fxbank.exchange.application.port.in.CustomerLimitsUseCase.ChangeResult;
import com.fxbank.exchange.application.port.in.CustomerLimitsUseCase.CustomerLimitsView;
import com.fxbank.exchange.application.port.in.CustomerLimitsUseCase;
import com.fxbank.exchange.domain.CustomerLimits;
import com.fxbank.exchange.domain.LimitOverride;
import com.fxbank.operations.web.OperatorActionController;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Customers' limits as operators see and set them (docs/exchange-service.md, "Customer limits"). */
@WebAdapter
@RestController
@RequestMapping("/ops/v1")
@Tag(name = "Customer limits (operator)", description = "Role OPERATOR")
class OperatorLimitsController {

    /** Far above any customer's real limit, and well inside the NUMERIC(19, 2) column. */
    static final BigDecimal MAX_LIMIT = new BigDecimal("1000000000000");

    private final CustomerLimitsUseCase limits;

    OperatorLimitsController(CustomerLimitsUseCase limits) {
        this.limits = limits;
    }

    /** Amounts in USD as plain decimal strings (at most two decimals); the reason is kept in the actions log. */
    record SetRequest(String daily, String yearly, String reason) {
    }

    record ClearRequest(String reason) {
    }

    record OverrideResponse(String reason, String setBy, Instant setAt) {
        static OverrideResponse of(LimitOverride override) {
            return new OverrideResponse(override.reason(), override.setBy(), override.setAt());
        }
    }

    record CustomerLimitsResponse(String customer, LimitsController.LimitsResponse limits, OverrideResponse override) {
        static CustomerLimitsResponse of(String customer, CustomerLimitsView view) {
            return new CustomerLimitsResponse(customer, LimitsController.LimitsResponse.of(view.limits()),
                    view.own().map(OverrideResponse::of).orElse(null));
        }
    }

    record ChangeResponse(OperatorActionController.ActionResponse action, CustomerLimitsResponse now) {
    }

    record OverrideRow(String customer, String daily, String yearly, String reason, String setBy, Instant setAt) {
        static OverrideRow of(LimitOverride override) {
            return new OverrideRow(override.owner(), override.limits().daily().amount().toPlainString(),
                    override.limits().yearly().amount().toPlainString(), override.reason(), override.setBy(),
                    override.setAt());
        }
    }

    record OverridesResponse(int page, int size, boolean more, List<OverrideRow> overrides) {
    }

    @GetMapping("/customers/{customer}/limits")
    @Operation(summary = "A customer's limits in USD equivalent (their own, or the bank's defaults), what they used and "
            + "what is left today and this year")
    CustomerLimitsResponse get(@PathVariable String customer) {
        String owner = ClientInput.customer(customer);
        return CustomerLimitsResponse.of(owner, limits.view(owner));
    }

    @PutMapping("/customers/{customer}/limits")
    @Operation(summary = "Give a customer daily and yearly limits of their own (USD, daily at most yearly), with a reason "
            + "kept in the actions log; from their next exchange on, on every instance")
    ResponseEntity<?> set(@PathVariable String customer, @RequestBody SetRequest request, Principal operator) {
        String owner = ClientInput.customer(customer);
        ClientInput.required(request, "the request body");
        CustomerLimits own = limitsOf(request);
        String reason = ClientInput.reason(request.reason(), "setting a customer's limits");
        return answer(owner, limits.set(owner, own, operator.getName(), reason));
    }

    @DeleteMapping("/customers/{customer}/limits")
    @Operation(summary = "Give a customer the bank's default limits again, with a reason kept in the actions log")
    ResponseEntity<?> clear(@PathVariable String customer, @RequestBody(required = false) ClearRequest request,
                            Principal operator) {
        String owner = ClientInput.customer(customer);
        String reason = ClientInput.reason(request == null ? null : request.reason(), "restoring a customer's limits");
        return answer(owner, limits.clear(owner, operator.getName(), reason));
    }

    @GetMapping("/limits")
    @Operation(summary = "Every customer with limits of their own, by customer id; page from 0, size 1 to 100")
    OverridesResponse overrides(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        if (page < 0 || size < 1 || size > 100 || (long) page * size >= 10_000) {
            throw new IllegalArgumentException("size must be 1 to 100 and a page must start before row 10000, got page "
                    + page + " and size " + size);
        }
        List<LimitOverride> found = limits.overrides(page, size);
        boolean more = found.size() > size;
        return new OverridesResponse(page, size, more,
                (more ? found.subList(0, size) : found).stream().map(OverrideRow::of).toList());
    }

    private static ResponseEntity<?> answer(String owner, ChangeResult result) {
        return switch (result) {
            case ChangeResult.Changed(var action, var now) -> ResponseEntity.ok(
                    new ChangeResponse(OperatorActionController.ActionResponse.of(action), CustomerLimitsResponse.of(owner, now)));
            case ChangeResult.SetBeside() -> Problems.of(HttpStatus.CONFLICT, "another operator set the limits of "
                    + owner + " at the same moment; nothing was changed, look and try again");
        };
    }

    private static CustomerLimits limitsOf(SetRequest request) {
        Money daily = usd(request.daily(), "daily");
        Money yearly = usd(request.yearly(), "yearly");
        if (daily.compareTo(yearly) > 0) {
            throw new IllegalArgumentException("daily (" + daily.amount().toPlainString() + ") must not be more than yearly ("
                    + yearly.amount().toPlainString() + ")");
        }
        return new CustomerLimits(daily, yearly);
    }

    private static Money usd(String text, String field) {
        Money amount = Money.of(Amounts.parse(text, field), "USD");
        if (!amount.isPositive() || amount.amount().compareTo(MAX_LIMIT) > 0) {
            throw new IllegalArgumentException(field + " must be more than 0 and at most " + MAX_LIMIT.toPlainString()
                    + " USD, got " + amount.amount().toPlainString());
        }
        return amount;
    }
}
