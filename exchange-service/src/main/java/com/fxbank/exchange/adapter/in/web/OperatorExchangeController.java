package com.fxbank.exchange.adapter.in.web;

import java.util.List;

import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.common.stereotype.WebAdapter;
import com.fxbank.exchange.application.port.in.ExchangeQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@WebAdapter
@RestController
@RequestMapping("/ops/v1/exchanges")
@Tag(name = "Exchanges (operator)", description = "Role OPERATOR")
class OperatorExchangeController {

    private final ExchangeQuery exchanges;

    OperatorExchangeController(ExchangeQuery exchanges) {
        this.exchanges = exchanges;
    }

    @GetMapping("/attention")
    @Operation(summary = "Exchanges that ran out of attempts and are still not final (retries go on)")
    List<ExchangeResponse> needingAttention() {
        return exchanges.needingAttention().stream()
                .map(exchange -> ExchangeResponse.of(exchange, exchanges.history(exchange.id())))
                .toList();
    }

    /** A message as the operator reads it: where Kafka has it (topic, partition, offset) or why it waits. */
    record MessageResponse(String topic, java.time.Instant writtenAt, java.time.Instant sentAt, Integer partition,
                           Long offset, int failedSends, String lastError, boolean parked) {
        static MessageResponse of(com.fxbank.exchange.domain.SagaMessage message) {
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
