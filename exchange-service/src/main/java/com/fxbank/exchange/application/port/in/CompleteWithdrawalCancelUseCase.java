package com.fxbank.exchange.application.port.in;

import java.util.Objects;

import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.exchange.domain.CancelOutcome;
import com.fxbank.exchange.domain.Participant;

/** Seed R3: a ledger answered a cancel; the exchange ends FAILED_REFUNDED (or FAILED). Idempotent. */
public interface CompleteWithdrawalCancelUseCase {

    CompletionResult completeWithdrawalCancel(CompleteWithdrawalCancelCommand command);

    /** @param ledger the participant whose response topic the reply came from */
    record CompleteWithdrawalCancelCommand(ExchangeId exchangeId, Participant ledger, CancelOutcome outcome) {
        public CompleteWithdrawalCancelCommand {
            Objects.requireNonNull(exchangeId);
            Objects.requireNonNull(ledger);
            Objects.requireNonNull(outcome);
        }
    }

    sealed interface CompletionResult {
        record Completed() implements CompletionResult {
        }

        /** A copy of a reply already applied: nothing changed. */
        record AlreadyCompleted() implements CompletionResult {
        }

        /** An unknown exchange, the wrong ledger, or an exchange that did not ask for a cancel: nothing changed. */
        record Refused(String why) implements CompletionResult {
        }
    }
}
