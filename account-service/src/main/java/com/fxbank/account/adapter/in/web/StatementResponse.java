package com.fxbank.account.adapter.in.web;

import java.time.Instant;
import java.util.List;

import com.fxbank.account.application.port.in.GetAccountQuery;
import com.fxbank.account.application.port.in.GetAccountQuery.StatementResult;
import com.fxbank.account.domain.Account;
import com.fxbank.account.domain.LedgerEntry;
import com.fxbank.account.domain.Statement;
import com.fxbank.common.input.ClientInput;
import com.fxbank.common.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * An account's statement as the customer and the operator read it: opening balance, every entry of the period with
 * its kind and the exchange it belongs to (or the top-up's reference), closing balance.
 */
record StatementResponse(String accountId, String currency, Instant from, Instant to, String openingBalance,
                         List<Line> entries, String closingBalance) {

    record Line(long id, Instant at, String kind, String amount, String balanceAfter, String exchangeId,
                String reference) {
        static Line of(LedgerEntry entry) {
            boolean topUp = entry.kind() == LedgerEntry.Kind.TOP_UP;
            return new Line(entry.id(), entry.at(), entry.kind().name(), AccountResponse.plain(entry.amount()),
                    AccountResponse.plain(entry.balanceAfter()), topUp ? null : entry.reference(),
                    topUp ? entry.reference() : null);
        }
    }

    static StatementResponse of(Statement statement, Account account) {
        return new StatementResponse(statement.account().toString(), account.currency().getCurrencyCode(),
                statement.from(), statement.to(), AccountResponse.plain(statement.opening()),
                statement.entries().stream().map(Line::of).toList(), AccountResponse.plain(statement.closing()));
    }

    /** [from, to): from defaults to the account's opening, to to now. */
    static ResponseEntity<?> answer(GetAccountQuery accounts, Account account, String from, String to) {
        Instant start = ClientInput.instant(from, "from", account.openedAt());
        Instant end = ClientInput.instant(to, "to", Instant.MAX);
        return switch (accounts.statement(account, start, end)) {
            case StatementResult.Found(Statement statement) -> ResponseEntity.ok(of(statement, account));
            case StatementResult.TooManyEntries(int most) -> Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "the period holds more than "
                            + most + " entries: ask for a shorter one (from, to)");
        };
    }
}
