package com.fxbank.operations.web;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fxbank.common.input.ClientInput;
import com.fxbank.common.operator.OperatorAction;
import com.fxbank.common.web.Problems;
import com.fxbank.operations.OperatorJournal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Role OPERATOR: the actions log of this service, newest first. Read-only: the journal is append-only.
 * {@code ?target=} an exchange id, an account id or a dead letter's key for the actions on it.
 */
@RestController
@RequestMapping("/ops/v1/actions")
public class OperatorActionController {

    static final int MAX_LIMIT = 500;
    private static final Pattern TARGET = Pattern.compile("[A-Za-z0-9._:/-]{1,200}");

    private final OperatorJournal journal;

    public OperatorActionController(OperatorJournal journal) {
        this.journal = journal;
    }

    public record ActionResponse(Instant at, String operator, String action, String target, String reason,
                                 String result) {
        public static ActionResponse of(OperatorAction action) {
            return new ActionResponse(action.at(), action.operator(), action.kind().name(), action.target(),
                    action.reason(), action.result());
        }
    }

    @GetMapping
    public ResponseEntity<?> actions(@RequestParam(required = false) String target,
                                     @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            return Problems.of(HttpStatus.BAD_REQUEST, "limit must be 1 to " + MAX_LIMIT + ", got " + limit);
        }
        if (target != null && !TARGET.matcher(target).matches()) {
            return Problems.of(HttpStatus.BAD_REQUEST, "target must be an exchange id, an account id or a key; got "
                    + ClientInput.shown(target));
        }
        List<ActionResponse> actions = journal.newest(Optional.ofNullable(target), limit).stream()
                .map(ActionResponse::of).toList();
        return ResponseEntity.ok(actions);
    }
}
