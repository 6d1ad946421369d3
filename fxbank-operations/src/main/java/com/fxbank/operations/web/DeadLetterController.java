package com.fxbank.operations.web;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fxbank.common.input.ClientInput;
import com.fxbank.common.web.Problems;
import com.fxbank.operations.DeadLetter;
import com.fxbank.operations.DeadLetterOffice;
import com.fxbank.operations.DeadLetterOffice.ReplayResult;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Role OPERATOR: the dead letters of the topics this service consumes (the exchange service: the two reply topics';
 * each ledger: its cancel requests'), and replaying one, at most once, with a reason.
 */
@RestController
@RequestMapping("/ops/v1/dead-letters")
public class DeadLetterController {

    private final DeadLetterOffice office;

    public DeadLetterController(DeadLetterOffice office) {
        this.office = office;
    }

    public record Replay(String reason) {
    }

    @GetMapping
    public Map<String, List<String>> topics() {
        return Map.of("topics", office.topics());
    }

    /** Newest first; {@code ?key=<exchange id>} for one exchange's. */
    @GetMapping("/{topic}")
    public ResponseEntity<?> read(@PathVariable String topic, @RequestParam(required = false) String key,
                                  @RequestParam(defaultValue = "100") int limit) {
        try {
            return ResponseEntity.ok(office.newest(topic, Optional.ofNullable(key), limit));
        } catch (IllegalArgumentException e) {
            return Problems.of(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    @PostMapping("/{topic}/{partition}/{offset}/replay")
    public ResponseEntity<?> replay(@PathVariable String topic, @PathVariable int partition, @PathVariable long offset,
                                    @RequestBody(required = false) Replay replay, Principal operator) {
        try {
            String reason = ClientInput.reason(replay == null ? null : replay.reason(), "a replay");
            return switch (office.replay(topic, partition, offset, operator.getName(), reason)) {
                case ReplayResult.Replayed(DeadLetter letter, var action) ->
                        ResponseEntity.accepted().body(Map.of("replayed", letter, "action", action));
                case ReplayResult.AlreadyReplayed(var at) -> Problems.of(HttpStatus.CONFLICT,
                        topic + "/" + partition + "/" + offset + " was replayed at " + at + "; a dead letter is replayed at most once");
                case ReplayResult.StillFailing(String cause) -> Problems.of(HttpStatus.UNPROCESSABLE_CONTENT,
                        "the consumer refused " + topic + "/" + partition + "/" + offset + " again, nothing was recorded: "
                                + cause);
                case ReplayResult.NotFound() -> Problems.of(HttpStatus.NOT_FOUND, "no record " + ClientInput.shown(topic)
                        + "/" + partition + "/" + offset);
            };
        } catch (IllegalArgumentException e) {
            return Problems.of(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }
}
