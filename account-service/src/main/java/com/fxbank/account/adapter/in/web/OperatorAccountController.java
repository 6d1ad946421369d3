package com.fxbank.account.adapter.in.web;

import java.net.URI;
import java.security.Principal;
import java.util.List;

import com.fxbank.account.application.port.in.GetAccountQuery;
import com.fxbank.account.application.port.in.OpenAccountUseCase;
import com.fxbank.account.application.port.in.OpenAccountUseCase.OpenAccountCommand;
import com.fxbank.account.application.port.in.OperatorUseCase;
import com.fxbank.account.application.port.in.OperatorUseCase.TopUpCommand;
import com.fxbank.account.application.port.in.OperatorUseCase.TopUpResult;
import com.fxbank.account.domain.Account;
import com.fxbank.account.domain.AccountId;
import com.fxbank.account.domain.LedgerEntry;
import com.fxbank.account.domain.Owner;
import com.fxbank.common.input.ClientInput;
import com.fxbank.common.money.Money;
import com.fxbank.common.stereotype.WebAdapter;
import com.fxbank.common.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Bank staff only (role OPERATOR): any owner's accounts, top-ups, freezes, limits. */
@WebAdapter
@RestController
@RequestMapping("/ops/v1/accounts")
@Tag(name = "Accounts (operator)", description = "Role OPERATOR")
class OperatorAccountController {

    private final OpenAccountUseCase openAccount;
    private final GetAccountQuery accounts;
    private final OperatorUseCase operator;

    OperatorAccountController(OpenAccountUseCase openAccount, GetAccountQuery accounts, OperatorUseCase operator) {
        this.openAccount = openAccount;
        this.accounts = accounts;
        this.operator = operator;
    }

    record OpenForRequest(String owner, String currency) {
    }

    record TopUpRequest(String amount, String currency, String reference) {
    }

    record TopUpResponse(long entryId, String accountId, String amount, String balanceAfter, String reference) {
        static TopUpResponse of(LedgerEntry entry) {
            return new TopUpResponse(entry.id(), entry.accountId().toString(), entry.amount().amount().toPlainString(),
                    entry.balanceAfter().amount().toPlainString(), entry.reference());
        }
    }

    /** {@code reason}: why (a ticket, what the customer asked), kept in the operators' journal. */
    record FrozenRequest(Boolean frozen, String reason) {
    }

    /** A missing limit means none; {@code reason} as for a freeze. */
    record LimitsRequest(String maxBalance, String maxWithdrawal, String reason) {
    }

    @PostMapping
    @Operation(summary = "Open an account for a customer")
    ResponseEntity<?> open(@RequestBody OpenForRequest request) {
        return CustomerAccountController.opened(openAccount.open(new OpenAccountCommand(
                new Owner(Requests.required(request.owner(), "owner")),
                Money.currency(Requests.required(request.currency(), "currency")))));
    }

    @GetMapping
    @Operation(summary = "A customer's accounts")
    List<AccountResponse> of(@RequestParam String owner) {
        return accounts.accountsOf(new Owner(owner)).stream().map(AccountResponse::of).toList();
    }

    @GetMapping("/{id}")
    ResponseEntity<AccountResponse> get(@PathVariable String id) {
        return accounts.account(AccountId.parse(id)).map(AccountResponse::of).map(ResponseEntity::ok)
                .orElse(ResponseEntity.notFound().build());
    }

    @GetMapping("/{id}/statement")
    @Operation(summary = "Any account's statement for [from, to), as its owner reads it")
    ResponseEntity<?> statement(@PathVariable String id, @RequestParam(required = false) String from,
                                @RequestParam(required = false) String to) {
        return accounts.account(AccountId.parse(id))
                .<ResponseEntity<?>>map(account -> StatementResponse.answer(accounts, account, from, to))
                .orElse(ResponseEntity.notFound().build());
    }

    @PostMapping("/{id}/top-ups")
    @Operation(summary = "Credit an account; one top-up per reference (a repeat changes nothing)")
    ResponseEntity<?> topUp(@PathVariable String id, @RequestBody TopUpRequest request) {
        TopUpCommand command = new TopUpCommand(AccountId.parse(id),
                Requests.money(request.amount(), request.currency(), "amount"), request.reference());
        return switch (operator.topUp(command)) {
            case TopUpResult.Applied(LedgerEntry entry) ->
                    ResponseEntity.created(URI.create("/ops/v1/accounts/" + id)).body(TopUpResponse.of(entry));
            case TopUpResult.AlreadyApplied(LedgerEntry entry) -> ResponseEntity.ok(TopUpResponse.of(entry));
            case TopUpResult.ConflictingRepeat(LedgerEntry existing) -> Problems.of(HttpStatus.CONFLICT, "reference " + existing.reference()
                            + " was already used for " + existing.amount() + " to account " + existing.accountId());
            case TopUpResult.NoSuchAccount() -> ResponseEntity.notFound().build();
            case TopUpResult.AboveCeiling(Account account) -> Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "account " + account.id()
                            + " would hold more than " + Account.BALANCE_CEILING.toPlainString() + " " + account.currency()
                            + ", the most any account holds; nothing was credited");
            case TopUpResult.WrongCurrency(Account account) -> Problems.of(HttpStatus.BAD_REQUEST,
                            "account " + account.id() + " holds " + account.currency() + ", not " + request.currency());
        };
    }

    @PutMapping("/{id}/frozen")
    @Operation(summary = "Freeze or unfreeze an account, with a reason: a frozen account refuses withdrawals and deposits")
    ResponseEntity<AccountResponse> frozen(@PathVariable String id, @RequestBody FrozenRequest request, Principal who) {
        boolean frozen = Requests.required(request.frozen(), "frozen");
        String reason = ClientInput.reason(request.reason(), frozen ? "a freeze" : "an unfreeze");
        return operator.setFrozen(AccountId.parse(id), frozen, who.getName(), reason).map(AccountResponse::of)
                .map(ResponseEntity::ok).orElse(ResponseEntity.notFound().build());
    }

    @PutMapping("/{id}/limits")
    @Operation(summary = "Set an account's limits, with a reason: maximum balance (deposits) and maximum single withdrawal")
    ResponseEntity<AccountResponse> limits(@PathVariable String id, @RequestBody LimitsRequest request, Principal who) {
        AccountId accountId = AccountId.parse(id);
        String reason = ClientInput.reason(request.reason(), "setting limits");
        return accounts.account(accountId)
                .flatMap(account -> operator.setLimits(accountId,
                        Requests.optionalMoney(request.maxBalance(), account.currency().getCurrencyCode(), "maxBalance"),
                        Requests.optionalMoney(request.maxWithdrawal(), account.currency().getCurrencyCode(),
                                "maxWithdrawal"), who.getName(), reason))
                .map(AccountResponse::of).map(ResponseEntity::ok)
                .orElse(ResponseEntity.notFound().build());
    }
}
