package com.fxbank.exchange.application.port.in;

import java.util.Objects;
import java.util.UUID;

import com.fxbank.messaging.Ledger;
import com.fxbank.messaging.WithdrawalCancelResponse;

/** Seed R3: a ledger answered a cancel; the exchange ends FAILED_REFUNDED (or FAILED). Idempotent. */
public interface CompleteWithdrawalCancelUseCase {

    void completeWithdrawalCancel(CompleteWithdrawalCancelCommand command);

    record CompleteWithdrawalCancelCommand(UUID exchangeId, Ledger ledger, WithdrawalCancelResponse.Outcome outcome) {
        public CompleteWithdrawalCancelCommand {
            Objects.requireNonNull(exchangeId);
            Objects.requireNonNull(ledger);
            Objects.requireNonNull(outcome);
        }
    }
}
