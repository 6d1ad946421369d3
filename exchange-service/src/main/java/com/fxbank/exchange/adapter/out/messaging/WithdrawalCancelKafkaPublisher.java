package com.fxbank.exchange.adapter.out.messaging;


import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.common.stereotype.MessagingAdapter;
import com.fxbank.exchange.application.port.out.CancelWithdrawalPort;
import com.fxbank.exchange.domain.Direction;
import com.fxbank.messaging.Ledger;
import com.fxbank.messaging.MessageCodec;
import com.fxbank.messaging.WithdrawalCancelRequest;
import com.fxbank.outbox.Outbox;
import com.fxbank.outbox.OutboxMessage;

/**
 * The seed's publisher (R1, R5): a {@link WithdrawalCancelRequest} to the source ledger's request topic,
 * REPLY_TOPIC = that ledger's response topic, key = exchangeId — written to the outbox in the caller's
 * transaction instead of a plain {@code kafkaTemplate.send()} (DESIGN B1), and relayed with the seed's
 * producer settings (R4).
 */
@MessagingAdapter
@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = SeedPlainCancelPublisher.SWITCH,
        havingValue = "false", matchIfMissing = true)
class WithdrawalCancelKafkaPublisher implements CancelWithdrawalPort {

    private final Outbox outbox;
    private final MessageCodec codec;

    WithdrawalCancelKafkaPublisher(Outbox outbox, MessageCodec codec) {
        this.outbox = outbox;
        this.codec = codec;
    }

    @Override
    public void cancelWithdrawal(ExchangeId exchangeId, Direction direction) {
        outbox.enqueue(request(exchangeId, direction));
    }

    @Override
    public void cancelWithdrawalAgain(ExchangeId exchangeId, Direction direction) {
        outbox.enqueueUnlessPending(request(exchangeId, direction));
    }

    private OutboxMessage request(ExchangeId exchangeId, Direction direction) {
        Ledger source = Ledger.fromId(direction.source().id());
        String key = exchangeId.toString();
        return OutboxMessage.request(source.withdrawalCancelRequestTopic(), key,
                codec.encode(new WithdrawalCancelRequest(key)), source.withdrawalCancelResponseTopic());
    }
}
