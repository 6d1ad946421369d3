package com.fxbank.account.application.port.in;

import java.util.Objects;

import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.account.domain.CancelOutcome;

/**
 * Seed R2 and R9: cancel the withdrawal of one exchange. The refund (or the tombstone) and the reply are
 * written in one transaction; a repeat refunds nothing and replies the same again.
 */
public interface CancelWithdrawalUseCase {

    CancelOutcome cancel(CancelWithdrawalCommand command);

    record CancelWithdrawalCommand(ExchangeId exchangeId) {
        public CancelWithdrawalCommand {
            Objects.requireNonNull(exchangeId, "exchangeId is required");
        }
    }
}
