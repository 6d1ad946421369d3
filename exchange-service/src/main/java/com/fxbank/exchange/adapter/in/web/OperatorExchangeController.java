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

    @GetMapping("/{id}")
    @Operation(summary = "Any exchange with its history")
    ResponseEntity<ExchangeResponse> get(@PathVariable String id) {
        return exchanges.exchange(ExchangeId.parse(id))
                .map(exchange -> ExchangeResponse.of(exchange, exchanges.history(exchange.id())))
                .map(ResponseEntity::ok)
                .orElse(ResponseEntity.notFound().build());
    }
}
