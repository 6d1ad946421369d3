package com.fxbank.exchange.adapter.in.web;

import java.net.URI;
import java.time.Instant;

import com.fxbank.common.input.ClientInput;
import com.fxbank.common.money.Amounts;
import com.fxbank.common.money.Money;
import com.fxbank.common.stereotype.WebAdapter;
import com.fxbank.common.web.Problems;
import com.fxbank.exchange.application.port.in.RequestQuoteUseCase;
import com.fxbank.exchange.application.port.in.RequestQuoteUseCase.QuoteCommand;
import com.fxbank.exchange.application.port.in.RequestQuoteUseCase.QuoteResult;
import com.fxbank.exchange.domain.Direction;
import com.fxbank.exchange.domain.Quote;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@WebAdapter
@RestController
@RequestMapping("/api/v1/quotes")
@Tag(name = "Quotes", description = "Role CUSTOMER: the server fixes the price (DESIGN B5)")
class QuoteController {

    private final RequestQuoteUseCase quotes;

    QuoteController(RequestQuoteUseCase quotes) {
        this.quotes = quotes;
    }

    /**
     * @param side           BUY (foreign currency for KRW) or SELL (foreign currency for KRW)
     * @param currency       the foreign currency
     * @param amount         how much, in {@code amountCurrency}: a plain decimal such as "100.00", as a JSON
     *                       string or number (no sign, no exponent; {@link Amounts#parse})
     * @param amountCurrency the foreign currency (an exact amount to buy or sell) or KRW (an exact amount to
     *                       spend or receive); defaults to {@code currency}
     */
    record QuoteRequest(String side, String currency, String amount, String amountCurrency) {
    }

    /**
     * @param rate      the customer's rate, KRW per unit, spread included
     * @param midRate   the market's mid rate it was priced from, with its {@code rateSource} and {@code rateAsOf}
     * @param spreadBasisPoints the bank's margin on the mid rate
     */
    record QuoteResponse(String quoteId, String side, String currency, String rate, String midRate,
                         int spreadBasisPoints, String rateSource, Instant rateAsOf, ExchangeResponse.Amount youPay,
                         ExchangeResponse.Amount youGet, Instant expiresAt) {
        static QuoteResponse of(Quote quote) {
            return new QuoteResponse(quote.id().toString(), quote.direction().name(),
                    quote.fxAmount().currency().getCurrencyCode(), quote.rate().toPlainString(),
                    quote.mid().krwPerUnit().toPlainString(), quote.spreadBasisPoints(), quote.mid().source(),
                    quote.mid().asOf(), ExchangeResponse.Amount.of(quote.sourceAmount()),
                    ExchangeResponse.Amount.of(quote.targetAmount()), quote.expiresAt());
        }
    }

    @PostMapping
    @Operation(summary = "Price an exchange: rate, both amounts and an expiry, fixed by the server. 422: an amount "
            + "outside its currency's limits, or an exchange past the customer's daily or yearly limit; 503: no rate young "
            + "enough to price on")
    ResponseEntity<?> quote(@AuthenticationPrincipal Jwt token, @RequestBody QuoteRequest request) {
        Direction side = Direction.parse(ClientInput.required(request.side(), "side"));
        var currency = Money.currency(ClientInput.required(request.currency(), "currency"));
        String amountCurrency = request.amountCurrency() == null ? request.currency() : request.amountCurrency();
        Money amount = Money.of(Amounts.parse(request.amount(), "amount"), amountCurrency);
        return switch (quotes.quote(new QuoteCommand(token.getSubject(), side, currency, amount))) {
            case QuoteResult.Quoted(Quote quote) -> ResponseEntity.created(URI.create("/api/v1/quotes/" + quote.id()))
                    .body(QuoteResponse.of(quote));
            case QuoteResult.NotTraded(var notTraded) ->
                    Problems.of(HttpStatus.BAD_REQUEST, "FxBank does not exchange " + notTraded);
            case QuoteResult.OutsideLimits(String why) -> Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, why);
            case QuoteResult.OverCustomerLimit(String why) -> Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, why);
            case QuoteResult.NoRate(String why) -> Problems.of(HttpStatus.SERVICE_UNAVAILABLE, why);
        };
    }
}
