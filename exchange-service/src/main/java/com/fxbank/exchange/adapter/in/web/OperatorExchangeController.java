package com.fxbank.exchange.adapter.in.web;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.common.input.ClientInput;
import com.fxbank.common.stereotype.WebAdapter;
import com.fxbank.common.web.Problems;
import com.fxbank.exchange.application.port.in.ExchangeQuery;
import com.fxbank.exchange.application.port.in.OperatorActionUseCase;
import com.fxbank.exchange.domain.Direction;
import com.fxbank.exchange.domain.ExchangeSearch;
import com.fxbank.exchange.domain.ExchangeState;
import com.fxbank.exchange.domain.SagaMessage;
import com.fxbank.operations.web.OperatorActionController;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.HttpStatus;
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
@RequestMapping("/ops/v1/exchanges")
@Tag(name = "Exchanges (operator)", description = "Role OPERATOR")
class OperatorExchangeController {

    private final ExchangeQuery exchanges;
    private final OperatorActionUseCase actions;

    OperatorExchangeController(ExchangeQuery exchanges, OperatorActionUseCase actions) {
        this.exchanges = exchanges;
        this.actions = actions;
    }

    /** Why the operator acts (what was fixed, a ticket): kept in the actions log with the action. */
    record ActionRequest(String reason) {
    }

    @PostMapping("/{id}/retry")
    @Operation(summary = "Drive an unfinished exchange now instead of at its next scheduled try, with a reason kept in "
            + "the actions log; 409 for a final exchange (nothing done, nothing recorded)")
    ResponseEntity<?> retryNow(@PathVariable String id, @RequestBody(required = false) ActionRequest request,
                               Principal operator) {
        ExchangeId exchangeId = ExchangeId.parse(id);
        String reason = ClientInput.reason(request == null ? null : request.reason(), "a retry");
        return switch (actions.retryNow(exchangeId, operator.getName(), reason)) {
            case OperatorActionUseCase.RetryResult.Scheduled(var action) ->
                    ResponseEntity.accepted().body(OperatorActionController.ActionResponse.of(action));
            case OperatorActionUseCase.RetryResult.AlreadyFinal(String state) -> Problems.of(
                    HttpStatus.CONFLICT, "exchange " + exchangeId + " is final (" + state
                            + "): there is nothing to retry");
            case OperatorActionUseCase.RetryResult.NotFound() -> ResponseEntity.notFound().build();
        };
    }

    record SearchResponse(ExchangeQuery.StateCounts counts, int page, int size, boolean more,
                          List<ExchangeResponse> exchanges) {
    }

    @GetMapping
    @Operation(summary = "Find exchanges, newest first: by customer, state, direction, age (olderThan, e.g. PT10M or 10m), "
            + "needing attention, refund pending longer than a duration; page (from 0) and size (1-100, reaching no "
            + "further than the newest 10,000). With the counts per state: every unfinished exchange, and the final "
            + "ones of the last 24 hours")
    SearchResponse search(@RequestParam(required = false) String customer, @RequestParam(required = false) String state,
                          @RequestParam(required = false) String direction,
                          @RequestParam(defaultValue = "false") boolean attention,
                          @RequestParam(required = false) String olderThan,
                          @RequestParam(required = false) String refundPendingLongerThan,
                          @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        ExchangeSearch search = new ExchangeSearch(
                Optional.ofNullable(customer).map(ClientInput::customer),
                Optional.ofNullable(state).map(text -> named(ExchangeState.class, "state", text)),
                Optional.ofNullable(direction).map(text -> named(Direction.class, "direction", text)),
                attention,
                Optional.ofNullable(olderThan).map(text -> duration("olderThan", text)),
                Optional.ofNullable(refundPendingLongerThan).map(text -> duration("refundPendingLongerThan", text)),
                page, size);
        ExchangeSearch.Page found = exchanges.search(search);
        return new SearchResponse(exchanges.counts(), page, size, found.more(),
                found.exchanges().stream().map(exchange -> ExchangeResponse.of(exchange, List.of())).toList());
    }

    private static <E extends Enum<E>> E named(Class<E> type, String field, String text) {
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(text)) {
                return value;
            }
        }
        throw new IllegalArgumentException(field + " must be one of " + Arrays.toString(type.getEnumConstants())
                + ", got " + ClientInput.shown(text));
    }

    private static Duration duration(String field, String text) {
        try {
            if (text.length() > 32) {
                throw new IllegalArgumentException("too long");
            }
            return DurationStyle.detectAndParse(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(field + " must be a duration such as PT10M or 10m, got " + ClientInput.shown(text));
        }
    }

    @GetMapping("/attention")
    @Operation(summary = "Exchanges that ran out of attempts and are still not final (retries go on)")
    List<ExchangeResponse> needingAttention() {
        return exchanges.needingAttention().stream()
                .map(exchange -> ExchangeResponse.of(exchange, exchanges.history(exchange.id())))
                .toList();
    }

    /** A message as the operator reads it: where Kafka has it (topic, partition, offset) or why it waits. */
    record MessageResponse(String topic, Instant writtenAt, Instant sentAt, Integer partition,
                           Long offset, int failedSends, String lastError, boolean parked) {
        static MessageResponse of(SagaMessage message) {
            return new MessageResponse(message.topic(), message.writtenAt(), message.sentAt().orElse(null),
                    message.partition().orElse(null), message.offset().orElse(null), message.failedSends(),
                    message.lastError().orElse(null), message.parked());
        }
    }

    @GetMapping("/{id}/messages")
    @Operation(summary = "What the exchange service published for an exchange (its cancel requests, its alerts), oldest "
            + "first: when written, when Kafka acknowledged it and at which partition and offset, or why it waits")
    ResponseEntity<List<MessageResponse>> messages(@PathVariable String id) {
        ExchangeId exchangeId = ExchangeId.parse(id);
        return exchanges.exchange(exchangeId)
                .map(exchange -> exchanges.messages(exchangeId).stream().map(MessageResponse::of).toList())
                .map(ResponseEntity::ok)
                .orElse(ResponseEntity.notFound().build());
    }

    @GetMapping("/{id}")
    @Operation(summary = "Any exchange with its history")
    ResponseEntity<ExchangeResponse> get(@PathVariable String id) {
        return exchanges.exchange(ExchangeId.parse(id))
                .map(exchange -> ExchangeResponse.of(exchange, exchanges.history(exchange.id())))
                .map(ResponseEntity::ok)
                .orElse(ResponseEntity.notFound().build());
    }
}
