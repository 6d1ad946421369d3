package com.fxbank.account.adapter.in.messaging;

import java.nio.charset.StandardCharsets;

import com.fxbank.account.application.port.in.CancelWithdrawalUseCase;
import com.fxbank.account.application.port.in.CancelWithdrawalUseCase.CancelWithdrawalCommand;
import com.fxbank.account.config.LedgerProperties;
import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.common.stereotype.MessagingAdapter;
import com.fxbank.messaging.MessageCodec;
import com.fxbank.messaging.MessageHeaders;
import com.fxbank.messaging.PoisonMessageException;
import com.fxbank.messaging.WithdrawalCancelRequest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;

/**
 * Seed R2: consumes this ledger's cancel requests. The refund and its reply commit in one transaction;
 * only then is the offset acknowledged (R6). If the process dies in between, the request comes again and
 * finds the refund already done: it is answered again and refunds nothing (R9). Input that can never be
 * processed is poison and goes to the dead-letter topic at once (R7).
 */
@MessagingAdapter
class WithdrawalCancelRequestKafkaConsumer {

    private final CancelWithdrawalUseCase cancelWithdrawal;
    private final MessageCodec codec;
    private final String expectedReplyTopic;

    WithdrawalCancelRequestKafkaConsumer(CancelWithdrawalUseCase cancelWithdrawal, MessageCodec codec, LedgerProperties ledger) {
        this.cancelWithdrawal = cancelWithdrawal;
        this.codec = codec;
        this.expectedReplyTopic = ledger.ledger().withdrawalCancelResponseTopic();
    }

    /** The topic's name comes from {@link com.fxbank.messaging.Ledger}, the one place topic names are spelled. */
    @KafkaListener(topics = "#{T(com.fxbank.messaging.Ledger).fromId('${fxbank.ledger.id}').withdrawalCancelRequestTopic()}",
            groupId = "${fxbank.ledger.id}")
    void onCancelRequest(ConsumerRecord<String, String> record, Acknowledgment ack) {
        WithdrawalCancelRequest request = codec.decode(record.value(), WithdrawalCancelRequest.class);
        if (!request.exchangeId().equals(record.key())) {
            throw new PoisonMessageException("key '" + record.key() + "' is not the exchangeId " + request.exchangeId());
        }
        requireOwnReplyTopic(record);
        cancelWithdrawal.cancel(new CancelWithdrawalCommand(ExchangeId.parse(request.exchangeId())));
        ack.acknowledge();
    }

    /** Replies go only to this ledger's response topic: a header cannot send them anywhere else. */
    private void requireOwnReplyTopic(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader(MessageHeaders.REPLY_TOPIC);
        if (header == null) {
            throw new PoisonMessageException("no " + MessageHeaders.REPLY_TOPIC + " header");
        }
        String replyTopic = new String(header.value(), StandardCharsets.UTF_8);
        if (!replyTopic.equals(expectedReplyTopic)) {
            throw new PoisonMessageException("reply topic '" + replyTopic + "' is not " + expectedReplyTopic);
        }
    }
}
