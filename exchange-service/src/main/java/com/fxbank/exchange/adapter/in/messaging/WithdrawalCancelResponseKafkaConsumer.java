package com.fxbank.exchange.adapter.in.messaging;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.common.stereotype.MessagingAdapter;
import com.fxbank.exchange.application.port.in.CompleteWithdrawalCancelUseCase;
import com.fxbank.exchange.application.port.in.CompleteWithdrawalCancelUseCase.CompleteWithdrawalCancelCommand;
import com.fxbank.exchange.application.port.in.CompleteWithdrawalCancelUseCase.CompletionResult;
import com.fxbank.exchange.domain.CancelOutcome;
import com.fxbank.exchange.domain.Participant;
import com.fxbank.messaging.BatchConsumption;
import com.fxbank.messaging.Ledger;
import com.fxbank.messaging.MessageCodec;
import com.fxbank.messaging.PoisonMessageException;
import com.fxbank.messaging.WithdrawalCancelResponse;
import com.fxbank.operations.DeadLetter;
import com.fxbank.operations.Redelivery;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The seed's consumer (R3): both ledgers' cancel responses complete the exchange's compensation (a poll's batch in
 * one transaction), then the offset is acknowledged (R6). A duplicate finds the exchange final and changes nothing; a reply for an
 * unknown exchange, from the wrong ledger, or for an exchange that did not ask for a cancel is poison (R7).
 */
@MessagingAdapter
class WithdrawalCancelResponseKafkaConsumer implements Redelivery {

    private final CompleteWithdrawalCancelUseCase completeWithdrawalCancel;
    private final MessageCodec codec;
    private final BatchConsumption batches;

    private final TransactionTemplate outsideTheReplay;

    WithdrawalCancelResponseKafkaConsumer(CompleteWithdrawalCancelUseCase completeWithdrawalCancel, MessageCodec codec,
                                          PlatformTransactionManager transactions,
                                          ObservationRegistry observations,
                                          @org.springframework.beans.factory.annotation.Value("${spring.kafka.consumer.group-id}") String groupId) {
        this.batches = new BatchConsumption(observations, "cancel-replies", groupId);
        this.outsideTheReplay = new TransactionTemplate(transactions);
        this.outsideTheReplay.setPropagationBehavior(
                TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
        this.completeWithdrawalCancel = completeWithdrawalCancel;
        this.codec = codec;
    }

    // Topic names come from Ledger, the one place they are spelled. A poll's batch of replies is one
    // transaction (BatchConsumption): all applied together, or — if one is poison or refused — one at a time as before.
    @KafkaListener(topics = "#{T(com.fxbank.messaging.Ledger).KRW_ACCOUNT.withdrawalCancelResponseTopic()}",
            groupId = "${spring.kafka.consumer.group-id}", batch = "true")
    void fromKrwAccount(List<ConsumerRecord<String, String>> records, Acknowledgment ack) {
        fromAccount(records, Ledger.KRW_ACCOUNT, ack);
    }

    @KafkaListener(topics = "#{T(com.fxbank.messaging.Ledger).FX_ACCOUNT.withdrawalCancelResponseTopic()}",
            groupId = "${spring.kafka.consumer.group-id}", batch = "true")
    void fromFxAccount(List<ConsumerRecord<String, String>> records, Acknowledgment ack) {
        fromAccount(records, Ledger.FX_ACCOUNT, ack);
    }

    private void fromAccount(List<ConsumerRecord<String, String>> records, Ledger ledger, Acknowledgment ack) {
        batches.consume(records, each -> {
            List<CompleteWithdrawalCancelCommand> commands = new ArrayList<>(records.size());
            for (ConsumerRecord<String, String> record : records) {
                commands.add(decode(record.key(), record.value(), ledger));
            }
            completeWithdrawalCancel.completeWithdrawalCancels(commands, each);
            return List.of();
        }, record -> handle(record.key(), record.value(), ledger));
        ack.acknowledge();
    }

    /**
     * An operator's replay of a dead-lettered reply: handled here, as the listener would, in a transaction of its own
     * (the replay's is suspended). Not republished: only a ledger may write its replies' topic, so the exchange
     * service can never forge one. Still refused: it throws, and the replay records nothing.
     */
    @Override
    public void redeliver(DeadLetter letter) {
        Ledger ledger = Arrays.stream(Ledger.values())
                .filter(candidate -> candidate.withdrawalCancelResponseTopic().equals(letter.originalTopic()))
                .findFirst().orElseThrow(() -> new PoisonMessageException("not a reply topic: " + letter.originalTopic()));
        outsideTheReplay.executeWithoutResult(status -> handle(letter.key(), letter.value(), ledger));
    }

    private void handle(String key, String value, Ledger ledger) {
        var result = completeWithdrawalCancel.completeWithdrawalCancel(decode(key, value, ledger));
        if (result instanceof CompletionResult.Refused(String why)) {
            throw new PoisonMessageException(why);
        }
    }

    /** The reply as a command; poison if it cannot be one. */
    private CompleteWithdrawalCancelCommand decode(String key, String value, Ledger ledger) {
        WithdrawalCancelResponse response = codec.decode(value, WithdrawalCancelResponse.class);
        if (!response.exchangeId().equals(key)) {
            throw new PoisonMessageException("key '" + key + "' is not the exchangeId " + response.exchangeId());
        }
        return new CompleteWithdrawalCancelCommand(ExchangeId.parse(response.exchangeId()), Participant.valueOf(ledger.name()),
                CancelOutcome.valueOf(response.outcome().name()));
    }
}
