package com.fxbank.account.application.port.in;

import java.util.List;
import java.util.Objects;

import com.fxbank.common.batch.EachCommand;
import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.account.domain.CancelOutcome;

/**
 * Seed R2 and R9: cancel the withdrawal of one exchange. The refund (or the tombstone) and the reply are
 * written in one transaction; a repeat refunds nothing and replies the same again.
 */
public interface CancelWithdrawalUseCase {

    CancelOutcome cancel(CancelWithdrawalCommand command);

    /**
     * Cancels the recorded withdrawals of many exchanges in <em>one</em> transaction: every refund and every reply, or
     * none of them (one commit per poll batch instead of one per request). Each command's own part — its
     * refund, its ledger entry and its reply — runs inside {@code each}, where the caller puts what belongs to that
     * request (its trace). An exchange named twice is refunded once and answered twice, as two requests one after
     * the other would be.
     *
     * @return the indexes of the commands whose exchange has no withdrawal recorded yet: nothing was done for them
     *         here; cancel each with {@link #cancel}, which records the tombstone
     */
    List<Integer> cancelRecorded(List<CancelWithdrawalCommand> commands, EachCommand each);

    record CancelWithdrawalCommand(ExchangeId exchangeId) {
        public CancelWithdrawalCommand {
            Objects.requireNonNull(exchangeId, "exchangeId is required");
        }
    }
}
