package com.fxbank.account.adapter.in.web;

import java.util.List;

import com.fxbank.account.application.port.in.BooksQuery;
import com.fxbank.account.domain.BankAccount;
import com.fxbank.common.stereotype.WebAdapter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The bank's own accounts in this ledger, per currency: for the exchange service, which reports the desk's positions
 * across both ledgers (role SERVICE on /internal), and for operators (role OPERATOR on /ops).
 */
@WebAdapter
@RestController
@Tag(name = "The bank's books")
class BooksController {

    private final BooksQuery books;

    BooksController(BooksQuery books) {
        this.books = books;
    }

    /** A bank account's balance is the sum of its legs; it may be negative (a short position). */
    record BankAccountResponse(String account, String currency, String balance, long legs) {
        static BankAccountResponse of(BankAccount.Balance balance) {
            return new BankAccountResponse(balance.account().name(), balance.balance().currency().getCurrencyCode(),
                    AccountResponse.plain(balance.balance()), balance.legs());
        }
    }

    record BooksResponse(List<BankAccountResponse> accounts) {
    }

    @GetMapping({"/internal/v1/books", "/ops/v1/books"})
    @Operation(summary = "The bank's accounts (POSITION, FUNDING) in every currency this ledger holds, with their balances")
    BooksResponse books() {
        return new BooksResponse(books.bankBalances().stream().map(BankAccountResponse::of).toList());
    }
}
