package com.fxbank.account.adapter.in.web;

import com.fxbank.account.application.port.in.LedgerSagaUseCase;
import com.fxbank.account.application.port.in.LedgerSagaUseCase.SagaCommand;
import com.fxbank.account.application.port.in.LedgerSagaUseCase.SagaResult;
import com.fxbank.account.domain.Owner;
import com.fxbank.account.domain.SagaOperation;
import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.common.stereotype.WebAdapter;
import com.fxbank.common.web.Problems;
import com.fxbank.messaging.LedgerStep;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The saga steps ({@link LedgerStep}, the contract both services share), for the exchange service's service
 * credential only (role SERVICE). PUT because each is idempotent by exchangeId: a repeat answers what the first
 * request got and moves no money. A refusal is an answer (200, state REFUSED with a reason), not an error.
 */
@WebAdapter
@RestController
@RequestMapping("/internal/v1")
@Tag(name = "Saga steps (exchange service)", description = "Role SERVICE")
class SagaController {

    private final LedgerSagaUseCase saga;

    SagaController(LedgerSagaUseCase saga) {
        this.saga = saga;
    }

    /** A tombstone is answered as a refusal with its own reason: to the exchange service, nothing was withdrawn. */
    private static LedgerStep.Response response(SagaOperation operation) {
        String id = operation.exchangeId().toString();
        LedgerStep.Kind kind = LedgerStep.Kind.valueOf(operation.kind().name());
        return switch (operation) {
            case SagaOperation.Applied a -> new LedgerStep.Response(id, kind, LedgerStep.State.APPLIED, null,
                    a.owner().value(), AccountResponse.plain(a.amount()), a.amount().currency().getCurrencyCode());
            case SagaOperation.Refused r -> new LedgerStep.Response(id, kind, LedgerStep.State.REFUSED, r.reason().name(),
                    r.owner().value(), AccountResponse.plain(r.amount()), r.amount().currency().getCurrencyCode());
            case SagaOperation.Refunded r -> new LedgerStep.Response(id, kind, LedgerStep.State.REFUNDED, null,
                    r.owner().value(), AccountResponse.plain(r.amount()), r.amount().currency().getCurrencyCode());
            case SagaOperation.Tombstone t -> new LedgerStep.Response(id, kind, LedgerStep.State.REFUSED,
                    LedgerStep.TOMBSTONE_REASON, null, null, null);
        };
    }

    private static LedgerStep.Response notFound(ExchangeId exchangeId, SagaOperation.Kind kind) {
        return new LedgerStep.Response(exchangeId.toString(), LedgerStep.Kind.valueOf(kind.name()),
                LedgerStep.State.NOT_FOUND, null, null, null, null);
    }

    @PutMapping("/withdrawals/{exchangeId}")
    @Operation(summary = "Withdraw from the owner's account in the amount's currency, once per exchange")
    ResponseEntity<?> withdraw(@PathVariable String exchangeId, @RequestBody LedgerStep.Request request) {
        return answer(saga.withdraw(command(exchangeId, request)));
    }

    @PutMapping("/deposits/{exchangeId}")
    @Operation(summary = "Deposit into the owner's account in the amount's currency, once per exchange")
    ResponseEntity<?> deposit(@PathVariable String exchangeId, @RequestBody LedgerStep.Request request) {
        return answer(saga.deposit(command(exchangeId, request)));
    }

    @GetMapping("/withdrawals/{exchangeId}")
    @Operation(summary = "What this ledger did for the withdrawal of an exchange (404 with state NOT_FOUND: nothing)")
    ResponseEntity<LedgerStep.Response> withdrawal(@PathVariable String exchangeId) {
        return status(ExchangeId.parse(exchangeId), SagaOperation.Kind.WITHDRAWAL);
    }

    @GetMapping("/deposits/{exchangeId}")
    @Operation(summary = "What this ledger did for the deposit of an exchange (404 with state NOT_FOUND: nothing)")
    ResponseEntity<LedgerStep.Response> depositStatus(@PathVariable String exchangeId) {
        return status(ExchangeId.parse(exchangeId), SagaOperation.Kind.DEPOSIT);
    }

    private ResponseEntity<LedgerStep.Response> status(ExchangeId exchangeId, SagaOperation.Kind kind) {
        return saga.status(exchangeId, kind).map(SagaController::response).map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(notFound(exchangeId, kind)));
    }

    private static SagaCommand command(String exchangeId, LedgerStep.Request request) {
        return new SagaCommand(ExchangeId.parse(exchangeId),
                new Owner(Requests.required(request.owner(), "owner")),
                Requests.money(request.amount(), request.currency(), "amount"));
    }

    private static ResponseEntity<?> answer(SagaResult result) {
        return switch (result) {
            case SagaResult.Recorded(SagaOperation operation) -> ResponseEntity.ok(response(operation));
            case SagaResult.ConflictingRepeat(SagaOperation existing) -> Problems.of(HttpStatus.CONFLICT, "exchange " + existing.exchangeId()
                            + " already has a " + existing.kind() + " for another owner or amount; nothing was done");
        };
    }
}
