package com.fxbank.account.adapter.out.messaging;

import com.fxbank.account.application.port.out.WithdrawalCancelResponsePort;
import com.fxbank.account.domain.CancelOutcome;
import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.common.stereotype.MessagingAdapter;
import com.fxbank.messaging.Ledger;
import com.fxbank.messaging.MessageCodec;
import com.fxbank.messaging.WithdrawalCancelResponse;
import com.fxbank.outbox.Outbox;
import com.fxbank.outbox.OutboxMessage;

/**
 * The reply travels through the outbox (DESIGN B1): written with the refund, sent after the commit, always to this
 * ledger's response topic (the request's REPLY_TOPIC header was checked to name it).
 */
@MessagingAdapter
class WithdrawalCancelResponseKafkaPublisher implements WithdrawalCancelResponsePort {

    private final Outbox outbox;
    private final MessageCodec codec;
    private final String responseTopic;

    WithdrawalCancelResponseKafkaPublisher(Outbox outbox, MessageCodec codec, Ledger ledger) {
        this.outbox = outbox;
        this.codec = codec;
        this.responseTopic = ledger.withdrawalCancelResponseTopic();
    }

    @Override
    public void reply(ExchangeId exchangeId, CancelOutcome outcome) {
        outbox.enqueue(message(exchangeId, outcome));
    }

    @Override
    public Replies batch() {
        Outbox.Batch batch = outbox.batch();
        return new Replies() {
            @Override
            public void add(ExchangeId exchangeId, CancelOutcome outcome) {
                batch.add(message(exchangeId, outcome));
            }

            @Override
            public void write() {
                batch.write();
            }
        };
    }

    private OutboxMessage message(ExchangeId exchangeId, CancelOutcome outcome) {
        String key = exchangeId.toString();
        return OutboxMessage.of(responseTopic, key, codec.encode(
                new WithdrawalCancelResponse(key, WithdrawalCancelResponse.Outcome.valueOf(outcome.name()))));
    }
}
