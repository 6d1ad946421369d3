package com.fxbank.account.application.port.in;

import java.util.Objects;

import com.fxbank.account.domain.ExchangeId;
import com.fxbank.messaging.WithdrawalCancelResponse;

/**
 * Seed R2 and R9: cancel the withdrawal of one exchange. The refund (or the tombstone) and the reply to
 * {@code replyTopic} are written in one transaction; a repeat refunds nothing and replies the same again.
 */
public interface CancelWithdrawalUseCase {

    WithdrawalCancelResponse.Outcome cancel(CancelWithdrawalCommand command);

    record CancelWithdrawalCommand(ExchangeId exchangeId, String replyTopic) {
        public CancelWithdrawalCommand {
            Objects.requireNonNull(exchangeId, "exchangeId is required");
            Objects.requireNonNull(replyTopic, "replyTopic is required");
        }
    }
}
