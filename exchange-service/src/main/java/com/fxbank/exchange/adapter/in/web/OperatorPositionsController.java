package com.fxbank.exchange.adapter.in.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fxbank.common.input.ClientInput;
import com.fxbank.common.stereotype.WebAdapter;
import com.fxbank.common.web.Problems;
import com.fxbank.exchange.application.port.in.PositionsQuery;
import com.fxbank.exchange.application.port.out.BankBooksPort;
import com.fxbank.exchange.domain.Positions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The FX desk's positions and the spread earned (docs/exchange-service.md, "Positions and the spread"). */
@WebAdapter
@RestController
@RequestMapping("/ops/v1/positions")
@Tag(name = "Positions (operator)", description = "Role OPERATOR")
class OperatorPositionsController {

    private final PositionsQuery positions;

    OperatorPositionsController(PositionsQuery positions) {
        this.positions = positions;
    }

    /** Amounts as strings, exact; {@code amount} negative for a short position. */
    record PositionResponse(String currency, String amount, String midRate, String valueKrw, String limit,
                            boolean beyondLimit) {
        static PositionResponse of(Positions.Position position) {
            return new PositionResponse(position.currency().getCurrencyCode(), position.amount().toPlainString(),
                    position.midRate().map(BigDecimal::toPlainString).orElse(null),
                    position.valueKrw().map(BigDecimal::toPlainString).orElse(null),
                    position.limit().map(BigDecimal::toPlainString).orElse(null), position.beyondLimit());
        }
    }

    record PositionsResponse(Instant asOf, List<PositionResponse> positions, String totalValueKrw, Instant from,
                             Instant to, String spreadEarnedKrw, long completedExchanges, long notValued) {
    }

    @GetMapping
    @Operation(summary = "The bank's position per currency across both ledgers (what it holds from exchanges; negative "
            + "is short), valued at the current mid rate, and the spread earned in KRW by the exchanges completed in "
            + "[from, to) (ISO instants or dates; all time and now by default); 503 when a ledger does not answer")
    ResponseEntity<?> positions(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Instant start = ClientInput.instant(from, "from", Instant.EPOCH);
        Instant end = ClientInput.instant(to, "to", Instant.MAX);
        Positions books;
        try {
            books = positions.positions(start, end);
        } catch (BankBooksPort.BooksUnavailable e) {
            return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage() + ": positions are read from both ledgers");
        }
        String total = books.positions().stream().allMatch(position -> position.valueKrw().isPresent())
                ? books.positions().stream().map(position -> position.valueKrw().orElseThrow())
                        .reduce(BigDecimal.ZERO, BigDecimal::add).toPlainString()
                : null;
        Positions.Spread spread = books.spread();
        return ResponseEntity.ok(new PositionsResponse(books.asOf(),
                books.positions().stream().map(PositionResponse::of).toList(), total, spread.from(), spread.to(),
                spread.earnedKrw().toPlainString(), spread.exchanges(), spread.notValued()));
    }
}
