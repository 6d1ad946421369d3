package com.fxbank.account.adapter.in.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fxbank.account.application.port.in.GetAccountQuery;
import com.fxbank.account.application.port.in.OpenAccountUseCase;
import com.fxbank.account.application.port.in.OpenAccountUseCase.OpenAccountCommand;
import com.fxbank.account.application.port.in.OpenAccountUseCase.OpenAccountResult;
import com.fxbank.account.domain.Account;
import com.fxbank.account.domain.AccountId;
import com.fxbank.account.domain.LedgerEntry;
import com.fxbank.account.domain.Owner;
import com.fxbank.common.money.Money;
import com.fxbank.common.stereotype.WebAdapter;
import com.fxbank.common.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A customer's own accounts: the owner is always the token's subject, never a request field, and
 * another customer's account answers 404 as if it did not exist.
 */
@WebAdapter
@RestController
@RequestMapping("/api/v1/accounts")
@Tag(name = "Accounts (customer)", description = "Role CUSTOMER; the owner is the token's subject")
class CustomerAccountController {

    private final OpenAccountUseCase openAccount;
    private final GetAccountQuery accounts;

    CustomerAccountController(OpenAccountUseCase openAccount, GetAccountQuery accounts) {
        this.openAccount = openAccount;
        this.accounts = accounts;
    }

    record OpenAccountRequest(String currency) {
    }

    record EntryResponse(long id, String kind, String amount, String balanceAfter, String reference, Instant at) {
        static EntryResponse of(LedgerEntry entry) {
            return new EntryResponse(entry.id(), entry.kind().name(), entry.amount().amount().toPlainString(),
                    entry.balanceAfter().amount().toPlainString(), entry.reference(), entry.at());
        }
    }

    @PostMapping
    @Operation(summary = "Open my account in a currency this ledger holds (one per currency)")
    ResponseEntity<?> open(@AuthenticationPrincipal Jwt token, @RequestBody OpenAccountRequest request) {
        return opened(openAccount.open(new OpenAccountCommand(owner(token),
                Money.currency(Requests.required(request.currency(), "currency")))));
    }

    @GetMapping
    @Operation(summary = "My accounts")
    List<AccountResponse> mine(@AuthenticationPrincipal Jwt token) {
        return accounts.accountsOf(owner(token)).stream().map(AccountResponse::of).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One of my accounts with its balance")
    ResponseEntity<AccountResponse> get(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
        return mine(token, id).map(AccountResponse::of).map(ResponseEntity::ok)
                .orElse(ResponseEntity.notFound().build());
    }

    @GetMapping("/{id}/entries")
    @Operation(summary = "The ledger entries of one of my accounts, newest first")
    ResponseEntity<List<EntryResponse>> entries(@AuthenticationPrincipal Jwt token, @PathVariable String id,
                                                @RequestParam(defaultValue = "0") int page,
                                                @RequestParam(defaultValue = "50") int size) {
        return mine(token, id)
                .map(account -> accounts.entries(account.id(), page, size).stream().map(EntryResponse::of).toList())
                .map(ResponseEntity::ok)
                .orElse(ResponseEntity.notFound().build());
    }

    @GetMapping("/{id}/statement")
    @Operation(summary = "A statement of one of my accounts for [from, to) (ISO instants or dates; from defaults to the "
            + "account's opening, to to now): opening balance, every entry with its kind and exchange, closing balance; "
            + "at most 1,000 entries (422 for a longer period)")
    ResponseEntity<?> statement(@AuthenticationPrincipal Jwt token, @PathVariable String id,
                                @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return mine(token, id)
                .<ResponseEntity<?>>map(account -> StatementResponse.answer(accounts, account, from, to))
                .orElse(ResponseEntity.notFound().build());
    }

    private Optional<Account> mine(Jwt token, String id) {
        Owner owner = owner(token);
        return accounts.account(AccountId.parse(id)).filter(account -> account.owner().equals(owner));
    }

    static Owner owner(Jwt token) {
        return new Owner(token.getSubject());
    }

    static ResponseEntity<?> opened(OpenAccountResult result) {
        return switch (result) {
            case OpenAccountResult.Opened(Account account) -> ResponseEntity
                    .created(URI.create("/api/v1/accounts/" + account.id()))
                    .body(AccountResponse.of(account));
            case OpenAccountResult.AlreadyExists(Account existing) -> {
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                        existing.owner() + " already holds a " + existing.currency() + " account: " + existing.id());
                problem.setProperty("accountId", existing.id().toString());
                yield ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
            }
            case OpenAccountResult.CurrencyNotHeld(var currency, var held) -> Problems.of(HttpStatus.BAD_REQUEST,
                            "this ledger does not hold " + currency + "; it holds " + held);
        };
    }
}
