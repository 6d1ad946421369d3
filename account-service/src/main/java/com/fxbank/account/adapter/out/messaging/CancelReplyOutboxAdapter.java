package com.fxbank.account.adapter.out.messaging;

import com.fxbank.account.application.port.out.CancelReplyPort;
import com.fxbank.account.domain.ExchangeId;
import com.fxbank.common.stereotype.MessagingAdapter;
import com.fxbank.messaging.MessageCodec;
import com.fxbank.messaging.WithdrawalCancelResponse;
import com.fxbank.outbox.Outbox;
import com.fxbank.outbox.OutboxMessage;

/** The reply travels through the outbox (DESIGN B1): written with the refund, sent after the commit. */
@MessagingAdapter
class CancelReplyOutboxAdapter implements CancelReplyPort {

    private final Outbox outbox;
    private final MessageCodec codec;

    CancelReplyOutboxAdapter(Outbox outbox, MessageCodec codec) {
        this.outbox = outbox;
        this.codec = codec;
    }

    @Override
    public void reply(ExchangeId exchangeId, String replyTopic, WithdrawalCancelResponse.Outcome outcome) {
        String key = exchangeId.toString();
        outbox.enqueue(OutboxMessage.of(replyTopic, key, codec.encode(new WithdrawalCancelResponse(key, outcome))));
    }
}
