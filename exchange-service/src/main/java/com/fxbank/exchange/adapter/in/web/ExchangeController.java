package com.fxbank.exchange.adapter.in.web;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.common.input.ClientInput;
import com.fxbank.common.stereotype.WebAdapter;
import com.fxbank.common.web.Problems;
import com.fxbank.exchange.application.port.in.ExchangeQuery;
import com.fxbank.exchange.application.port.in.StartExchangeUseCase;
import com.fxbank.exchange.application.port.in.StartExchangeUseCase.StartExchangeCommand;
import com.fxbank.exchange.application.port.in.StartExchangeUseCase.StartResult;
import com.fxbank.exchange.domain.Exchange;
import com.fxbank.exchange.domain.StateChange;
import io.micrometer.common.KeyValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.ServerHttpObservationFilter;

@WebAdapter
@RestController
@RequestMapping("/api/v1/exchanges")
@Tag(name = "Exchanges", description = "Role CUSTOMER; the owner is the token's subject")
class ExchangeController {

    private final StartExchangeUseCase startExchange;
    private final ExchangeQuery exchanges;

    ExchangeController(StartExchangeUseCase startExchange, ExchangeQuery exchanges) {
        this.startExchange = startExchange;
        this.exchanges = exchanges;
    }

    record ExchangeRequest(String quoteId) {
    }

    @PostMapping
    @Operation(summary = "Execute a quote. 201: completed or failed (the outcome says which, and whether a refund is "
            + "on its way); 202: still being resolved, poll Location; a repeat with the same Idempotency-Key answers "
            + "the same exchange (200)")
    ResponseEntity<?> exchange(@AuthenticationPrincipal Jwt token,
                               @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                               @RequestBody ExchangeRequest request, HttpServletRequest http) {
        UUID quoteId = parseQuoteId(ClientInput.required(request.quoteId(), "quoteId"));
        return switch (startExchange.start(new StartExchangeCommand(token.getSubject(), quoteId, idempotencyKey))) {
            case StartResult.Exchanged(Exchange exchange, boolean repeated, Optional<List<StateChange>> history) -> {
                // The customer's request span names the exchange too (the saga's own spans do from its start on).
                ServerHttpObservationFilter.findObservationContext(http).ifPresent(observation ->
                        observation.addHighCardinalityKeyValue(KeyValue.of("exchangeId", exchange.id().toString())));
                yield answer(exchange, repeated, history.orElseGet(() -> exchanges.history(exchange.id())));
            }
            case StartResult.QuoteNotFound() -> Problems.of(HttpStatus.NOT_FOUND, "no quote " + quoteId + " of yours");
            case StartResult.QuoteExpired() -> Problems.of(HttpStatus.UNPROCESSABLE_CONTENT,
                    "quote " + quoteId + " has expired: ask for a new one");
            case StartResult.QuoteAlreadyUsed() -> Problems.of(HttpStatus.UNPROCESSABLE_CONTENT,
                    "quote " + quoteId + " was executed already");
            case StartResult.KeyUsedForAnotherQuote(Exchange existing) -> Problems.of(HttpStatus.CONFLICT,
                    "Idempotency-Key " + idempotencyKey + " was used for exchange " + existing.id() + " of another quote");
            case StartResult.OverCustomerLimit(String why) -> Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, why);
        };
    }

    @GetMapping("/{id}")
    @Operation(summary = "One of my exchanges with its full history")
    ResponseEntity<ExchangeResponse> get(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
        return exchanges.exchangeOf(token.getSubject(), ExchangeId.parse(id))
                .map(exchange -> ExchangeResponse.of(exchange, exchanges.history(exchange.id())))
                .map(ResponseEntity::ok)
                .orElse(ResponseEntity.notFound().build());
    }

    @GetMapping
    @Operation(summary = "My exchanges, newest first")
    List<ExchangeResponse> mine(@AuthenticationPrincipal Jwt token) {
        return exchanges.exchangesOf(token.getSubject()).stream()
                .map(exchange -> ExchangeResponse.of(exchange, List.of()))
                .toList();
    }

    private ResponseEntity<ExchangeResponse> answer(Exchange exchange, boolean repeated, List<StateChange> history) {
        ExchangeResponse body = ExchangeResponse.of(exchange, history);
        URI location = URI.create("/api/v1/exchanges/" + exchange.id());
        if (body.pending()) {
            return ResponseEntity.accepted().location(location).body(body);
        }
        return repeated ? ResponseEntity.ok().location(location).body(body) : ResponseEntity.created(location).body(body);
    }

    private static UUID parseQuoteId(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("quoteId must be a UUID, got " + ClientInput.shown(text));
        }
    }
}
