package com.fxbank.exchange.adapter.in.messaging;


import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.common.stereotype.MessagingAdapter;
import com.fxbank.exchange.application.port.in.CompleteWithdrawalCancelUseCase;
import com.fxbank.exchange.application.port.in.CompleteWithdrawalCancelUseCase.CompleteWithdrawalCancelCommand;
import com.fxbank.exchange.application.port.in.CompleteWithdrawalCancelUseCase.CompletionResult;
import com.fxbank.exchange.domain.CancelOutcome;
import com.fxbank.exchange.domain.Participant;
import com.fxbank.messaging.Ledger;
import com.fxbank.messaging.MessageCodec;
import com.fxbank.messaging.PoisonMessageException;
import com.fxbank.messaging.WithdrawalCancelResponse;
import com.fxbank.outbox.ops.Redelivery;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;

/**
 * The seed's consumer (R3): both ledgers' cancel responses complete the exchange's compensation, then the
 * offset is acknowledged (R6). A duplicate finds the exchange final and changes nothing; a reply for an
 * unknown exchange, from the wrong ledger, or for an exchange that did not ask for a cancel is poison (R7).
 */
@MessagingAdapter
class WithdrawalCancelResponseKafkaConsumer implements Redelivery {

    private final CompleteWithdrawalCancelUseCase completeWithdrawalCancel;
    private final MessageCodec codec;

    private final org.springframework.transaction.support.TransactionTemplate outsideTheReplay;

    WithdrawalCancelResponseKafkaConsumer(CompleteWithdrawalCancelUseCase completeWithdrawalCancel, MessageCodec codec,
                                          org.springframework.transaction.PlatformTransactionManager transactions) {
        this.outsideTheReplay = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.outsideTheReplay.setPropagationBehavior(
                org.springframework.transaction.TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
        this.completeWithdrawalCancel = completeWithdrawalCancel;
        this.codec = codec;
    }

    // Topic names come from Ledger, the one place they are spelled.
    @KafkaListener(topics = "#{T(com.fxbank.messaging.Ledger).KRW_ACCOUNT.withdrawalCancelResponseTopic()}",
            groupId = "${spring.kafka.consumer.group-id}")
    void fromKrwAccount(ConsumerRecord<String, String> record, Acknowledgment ack) {
        fromAccount(record, Ledger.KRW_ACCOUNT, ack);
    }

    @KafkaListener(topics = "#{T(com.fxbank.messaging.Ledger).FX_ACCOUNT.withdrawalCancelResponseTopic()}",
            groupId = "${spring.kafka.consumer.group-id}")
    void fromFxAccount(ConsumerRecord<String, String> record, Acknowledgment ack) {
        fromAccount(record, Ledger.FX_ACCOUNT, ack);
    }

    private void fromAccount(ConsumerRecord<String, String> record, Ledger ledger, Acknowledgment ack) {
        handle(record.key(), record.value(), ledger);
        ack.acknowledge();
    }

    /**
     * An operator's replay of a dead-lettered reply: handled here, as the listener would, in a transaction of its own
     * (the replay's is suspended). Not republished: only a ledger may write its replies' topic, so the exchange
     * service can never forge one. Still refused: it throws, and the replay records nothing.
     */
    @Override
    public void redeliver(com.fxbank.outbox.ops.DeadLetter letter) {
        Ledger ledger = java.util.Arrays.stream(Ledger.values())
                .filter(candidate -> candidate.withdrawalCancelResponseTopic().equals(letter.originalTopic()))
                .findFirst().orElseThrow(() -> new PoisonMessageException("not a reply topic: " + letter.originalTopic()));
        outsideTheReplay.executeWithoutResult(status -> handle(letter.key(), letter.value(), ledger));
    }

    private void handle(String key, String value, Ledger ledger) {
        WithdrawalCancelResponse response = codec.decode(value, WithdrawalCancelResponse.class);
        if (!response.exchangeId().equals(key)) {
            throw new PoisonMessageException("key '" + key + "' is not the exchangeId " + response.exchangeId());
        }
        var result = completeWithdrawalCancel.completeWithdrawalCancel(new CompleteWithdrawalCancelCommand(
                ExchangeId.parse(response.exchangeId()), Participant.valueOf(ledger.name()),
                CancelOutcome.valueOf(response.outcome().name())));
        if (result instanceof CompletionResult.Refused(String why)) {
            throw new PoisonMessageException(why);
        }
    }
}
