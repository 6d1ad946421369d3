package com.fxbank.account.application.port.out;

import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.account.domain.CancelOutcome;

/**
 * Answers a cancel request on this ledger's response topic; called inside the transaction of the refund, so the
 * answer exists iff the refund does.
 */
public interface WithdrawalCancelResponsePort {

    void reply(ExchangeId exchangeId, CancelOutcome outcome);

    /** Replies written together: each added inside its request's part of the batch, then all written. */
    Replies batch();

    interface Replies {
        void add(ExchangeId exchangeId, CancelOutcome outcome);

        /** Writes the added replies in the current transaction. */
        void write();
    }
}
