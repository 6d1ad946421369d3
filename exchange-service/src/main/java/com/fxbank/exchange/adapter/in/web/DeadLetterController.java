package com.fxbank.exchange.adapter.in.web;

import java.util.List;

import com.fxbank.common.stereotype.WebAdapter;
import com.fxbank.exchange.application.port.in.DeadLetterUseCase;
import com.fxbank.exchange.application.port.in.DeadLetterUseCase.ReplayResult;
import com.fxbank.exchange.domain.DeadLetter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@WebAdapter
@RestController
@RequestMapping("/ops/v1/dead-letters")
@Tag(name = "Dead letters (operator)", description = "Role OPERATOR: the exchange service's .DLT topics")
class DeadLetterController {

    private final DeadLetterUseCase deadLetters;

    DeadLetterController(DeadLetterUseCase deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping("/{topic}")
    @Operation(summary = "Records of a dead-letter topic, oldest first, with the reason in their headers")
    List<DeadLetter> read(@PathVariable String topic, @RequestParam(defaultValue = "100") int limit) {
        return deadLetters.deadLetters(topic, limit);
    }

    @PostMapping("/{topic}/{partition}/{offset}/replay")
    @Operation(summary = "Publish a dead letter again to its original topic, once the cause is fixed (at most once)")
    ResponseEntity<?> replay(@PathVariable String topic, @PathVariable int partition, @PathVariable long offset) {
        return switch (deadLetters.replay(topic, partition, offset)) {
            case ReplayResult.Replayed(DeadLetter deadLetter) -> ResponseEntity.accepted().body(deadLetter);
            case ReplayResult.AlreadyReplayed() -> Problems.of(HttpStatus.CONFLICT,
                    topic + "/" + partition + "/" + offset + " was replayed already");
            case ReplayResult.NotFound() -> Problems.of(HttpStatus.NOT_FOUND, "no record " + topic + "/" + partition + "/" + offset);
        };
    }
}
