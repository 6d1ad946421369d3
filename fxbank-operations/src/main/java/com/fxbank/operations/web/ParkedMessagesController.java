package com.fxbank.operations.web;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import com.fxbank.common.input.ClientInput;
import com.fxbank.common.web.Problems;
import com.fxbank.operations.ParkedMessages;
import com.fxbank.outbox.OutboxParking.ParkedMessage;
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
 * Role OPERATOR (every service's {@code /ops/**} rule): the outbox rows this service parked, and releasing one to be
 * sent again once its cause is fixed, with a reason that stays on the row. The same in every service that publishes.
 */
@RestController
@RequestMapping("/ops/v1/outbox/parked")
public class ParkedMessagesController {

    static final int MAX_LIMIT = 500;

    private final ParkedMessages parked;

    public ParkedMessagesController(ParkedMessages parked) {
        this.parked = parked;
    }

    /** What a release asks for: why the operator sends the row again (e.g. the ACL restored, ticket number). */
    public record Release(String reason) {
    }

    @GetMapping
    public ResponseEntity<?> list(@RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            return Problems.of(HttpStatus.BAD_REQUEST, "limit must be between 1 and " + MAX_LIMIT);
        }
        List<ParkedMessage> rows = parked.list(limit);
        return ResponseEntity.ok(rows);
    }

    @PostMapping("/{seq}/release")
    public ResponseEntity<?> release(@PathVariable long seq, @RequestBody(required = false) Release release, Principal operator) {
        String reason;
        try {
            reason = ClientInput.reason(release == null ? null : release.reason(), "a release");
        } catch (IllegalArgumentException e) {
            return Problems.of(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        return parked.release(seq, operator.getName(), reason)
                .<ResponseEntity<?>>map(row -> ResponseEntity.ok(Map.of("released", row)))
                .orElseGet(() -> Problems.of(HttpStatus.NOT_FOUND, "no parked outbox row " + seq
                        + " (never parked, already released or sent)"));
    }
}
