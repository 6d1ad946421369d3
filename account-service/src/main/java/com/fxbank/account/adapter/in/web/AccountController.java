package com.fxbank.account.adapter.in.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import com.fxbank.account.application.port.in.GetAccountQuery;
import com.fxbank.account.application.port.in.OpenAccountUseCase;
import com.fxbank.account.application.port.in.OpenAccountUseCase.OpenAccountCommand;
import com.fxbank.account.application.port.in.OpenAccountUseCase.OpenAccountResult;
import com.fxbank.account.domain.Account;
import com.fxbank.account.domain.AccountId;
import com.fxbank.account.domain.Owner;
import com.fxbank.common.money.Money;
import com.fxbank.common.stereotype.WebAdapter;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@WebAdapter
@RestController
@RequestMapping("/api/v1/accounts")
class AccountController {

    private final OpenAccountUseCase openAccount;
    private final GetAccountQuery accounts;

    AccountController(OpenAccountUseCase openAccount, GetAccountQuery accounts) {
        this.openAccount = openAccount;
        this.accounts = accounts;
    }

    record OpenAccountRequest(String owner, String currency) {
    }

    /** Amounts travel as strings at the currency's minor unit, so no client parses them into a double. */
    record AccountResponse(String id, String owner, String currency, String balance, Instant openedAt) {
        static AccountResponse of(Account account) {
            return new AccountResponse(account.id().toString(), account.owner().value(),
                    account.currency().getCurrencyCode(), account.balance().amount().toPlainString(), account.openedAt());
        }
    }

    @PostMapping
    ResponseEntity<?> open(@RequestBody OpenAccountRequest request) {
        var command = new OpenAccountCommand(new Owner(request.owner()), Money.currency(request.currency()));
        return switch (openAccount.open(command)) {
            case OpenAccountResult.Opened(Account account) -> ResponseEntity
                    .created(URI.create("/api/v1/accounts/" + account.id()))
                    .body(AccountResponse.of(account));
            case OpenAccountResult.AlreadyExists(Account existing) -> {
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                        existing.owner() + " already holds a " + existing.currency() + " account: " + existing.id());
                problem.setProperty("accountId", existing.id().toString());
                yield ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
            }
            case OpenAccountResult.CurrencyNotHeld(var currency, var held) -> ResponseEntity.badRequest()
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                            "this ledger does not hold " + currency + "; it holds " + held));
        };
    }

    @GetMapping("/{id}")
    ResponseEntity<AccountResponse> get(@PathVariable String id) {
        return accounts.account(AccountId.parse(id))
                .map(AccountResponse::of)
                .map(ResponseEntity::ok)
                .orElse(ResponseEntity.notFound().build());
    }

    @GetMapping
    List<AccountResponse> list(@RequestParam String owner) {
        return accounts.accountsOf(new Owner(owner)).stream().map(AccountResponse::of).toList();
    }
}
