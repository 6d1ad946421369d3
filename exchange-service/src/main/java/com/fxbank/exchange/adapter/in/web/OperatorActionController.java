package com.fxbank.exchange.adapter.in.web;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.common.stereotype.WebAdapter;
import com.fxbank.exchange.application.port.in.OperatorActionUseCase;
import com.fxbank.exchange.domain.OperatorAction;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The actions log (issue 15): what operators did to exchanges, newest first. Read-only: it is append-only. */
@WebAdapter
@RestController
@RequestMapping("/ops/v1/actions")
@Tag(name = "Operator actions", description = "Role OPERATOR")
class OperatorActionController {

    static final int MAX_LIMIT = 500;

    private final OperatorActionUseCase actions;

    OperatorActionController(OperatorActionUseCase actions) {
        this.actions = actions;
    }

    record ActionResponse(Instant at, String operator, String action, String target, String reason, String result) {
        static ActionResponse of(OperatorAction action) {
            return new ActionResponse(action.at(), action.operator(), action.kind().name(), action.target(),
                    action.reason(), action.result());
        }
    }

    @GetMapping
    @Operation(summary = "Operators' actions, newest first (who, when, what, on which exchange, why, result); "
            + "?exchange=<id> for one exchange's; limit 1-500")
    List<ActionResponse> actions(@RequestParam(required = false) String exchange,
                                 @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", got " + limit);
        }
        return actions.actions(Optional.ofNullable(exchange).map(ExchangeId::parse), limit).stream()
                .map(ActionResponse::of).toList();
    }
}
