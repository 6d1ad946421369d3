package com.fxbank.exchange.application.port.in;

import java.util.List;
import java.util.Objects;

import com.fxbank.common.batch.EachCommand;

import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.exchange.domain.CancelOutcome;
import com.fxbank.exchange.domain.Participant;

/** Seed R3: a ledger answered a cancel; the exchange ends FAILED_REFUNDED (or FAILED). Idempotent. */
public interface CompleteWithdrawalCancelUseCase {

    CompletionResult completeWithdrawalCancel(CompleteWithdrawalCancelCommand command);

    /**
     * Many replies in <em>one</em> transaction, each as {@link #completeWithdrawalCancel} would apply it, each
     * command's own part inside {@code each}. All or nothing: if one of them is refused, nothing is applied and
     * {@link RefusedInBatch} says which; the caller then completes each alone (where the refused one is refused alone).
     */
    void completeWithdrawalCancels(List<CompleteWithdrawalCancelCommand> commands, EachCommand each);

    /** One command of a batch was refused: the batch's transaction rolled back. */
    final class RefusedInBatch extends RuntimeException {
        public RefusedInBatch(int index, String why) {
            super("reply " + index + " of the batch refused: " + why);
        }
    }

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
