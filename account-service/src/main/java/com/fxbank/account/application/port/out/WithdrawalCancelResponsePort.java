package com.fxbank.account.application.port.out;

import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.account.domain.CancelOutcome;

/**
 * Answers a cancel request on this ledger's response topic; called inside the transaction of the refund, so the
 * answer exists iff the refund does.
 */
public interface WithdrawalCancelResponsePort {

    void reply(ExchangeId exchangeId, CancelOutcome outcome);
}
