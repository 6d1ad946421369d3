package com.fxbank.account.application.port.out;

import com.fxbank.account.domain.ExchangeId;
import com.fxbank.messaging.WithdrawalCancelResponse;

/** Answers a cancel request; called inside the transaction of the refund, so the answer exists iff it does. */
public interface CancelReplyPort {

    void reply(ExchangeId exchangeId, String replyTopic, WithdrawalCancelResponse.Outcome outcome);
}
