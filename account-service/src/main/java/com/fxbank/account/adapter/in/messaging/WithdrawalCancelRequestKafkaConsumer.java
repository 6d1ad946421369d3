package com.fxbank.account.adapter.in.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fxbank.account.application.port.in.CancelWithdrawalUseCase;
import com.fxbank.account.application.port.in.CancelWithdrawalUseCase.CancelWithdrawalCommand;
import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.common.stereotype.MessagingAdapter;
import com.fxbank.messaging.BatchConsumption;
import com.fxbank.messaging.Ledger;
import com.fxbank.messaging.MessageCodec;
import com.fxbank.messaging.MessageHeaders;
import com.fxbank.messaging.PoisonMessageException;
import com.fxbank.messaging.WithdrawalCancelRequest;
import com.fxbank.operations.DeadLetter;
import com.fxbank.operations.Redelivery;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seed R2: consumes this ledger's cancel requests. The refund and its reply commit in one transaction (a poll's
 * batch of them in one); only then is the offset acknowledged (R6). If the process dies in between, the request comes again and
 * finds the refund already done: it is answered again and refunds nothing (R9). Input that can never be
 * processed is poison and goes to the dead-letter topic at once (R7).
 */
@MessagingAdapter
class WithdrawalCancelRequestKafkaConsumer implements Redelivery {

    private final CancelWithdrawalUseCase cancelWithdrawal;
    private final MessageCodec codec;
    private final String expectedReplyTopic;
    private final TransactionTemplate outsideTheReplay;
    private final BatchConsumption batches;

    WithdrawalCancelRequestKafkaConsumer(CancelWithdrawalUseCase cancelWithdrawal, MessageCodec codec, Ledger ledger,
                                         PlatformTransactionManager transactions, ObservationRegistry observations) {
        this.batches = new BatchConsumption(observations, "cancel-requests", ledger.id());
        this.outsideTheReplay = new TransactionTemplate(transactions);
        this.outsideTheReplay.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
        this.cancelWithdrawal = cancelWithdrawal;
        this.codec = codec;
        this.expectedReplyTopic = ledger.withdrawalCancelResponseTopic();
    }

    /**
     * The topic's name comes from {@link com.fxbank.messaging.Ledger}, the one place topic names are spelled.
     *
     * <p>A poll's batch is one transaction ({@link BatchConsumption}): if every request is well formed, the
     * recorded withdrawals among them are refunded and answered together ({@link CancelWithdrawalUseCase#cancelRecorded});
     * those with no withdrawal yet get their tombstones one by one; if anything fails, one record at a time as before.
     */
    @KafkaListener(topics = "#{T(com.fxbank.messaging.Ledger).fromId('${fxbank.ledger.id}').withdrawalCancelRequestTopic()}",
            groupId = "${fxbank.ledger.id}", batch = "true")
    void onCancelRequests(List<ConsumerRecord<String, String>> records, Acknowledgment ack) {
        batches.consume(records, each -> {
            List<CancelWithdrawalCommand> commands = new ArrayList<>(records.size());
            for (ConsumerRecord<String, String> record : records) {
                commands.add(new CancelWithdrawalCommand(decode(record.key(), record.value(), replyTopicOf(record))));
            }
            return cancelWithdrawal.cancelRecorded(commands, each);
        }, record -> handle(record.key(), record.value(), replyTopicOf(record)));
        ack.acknowledge();
    }

    private static String replyTopicOf(ConsumerRecord<String, String> record) {
        Header replyTopic = record.headers().lastHeader(MessageHeaders.REPLY_TOPIC);
        return replyTopic == null ? null : new String(replyTopic.value(), StandardCharsets.UTF_8);
    }

    /**
     * An operator's replay of a dead-lettered request: handled here, in the replay's transaction, exactly as the
     * listener would (the ledger may not publish to its own request topic, so that it can never ask itself for a
     * refund). Still poison: it throws, and the replay records nothing.
     *
     * <p>The cancel runs outside the replay's transaction (suspended) in its own, as the listener's does: its
     * idempotency rests on a unique insert whose failure rolls its transaction back whole, which a joined transaction
     * could not survive. So a crash after the refund and before the replay's record leaves the record replayable once
     * more — and a second cancel of the same exchange refunds nothing (R9).
     */
    @Override
    public void redeliver(DeadLetter letter) {
        outsideTheReplay.executeWithoutResult(status ->
                handle(letter.key(), letter.value(), letter.headers().get(MessageHeaders.REPLY_TOPIC)));
    }

    private void handle(String key, String value, String replyTopic) {
        cancelWithdrawal.cancel(new CancelWithdrawalCommand(decode(key, value, replyTopic)));
    }

    /** The exchange whose withdrawal to cancel; poison if the request cannot be one of this ledger's. */
    private ExchangeId decode(String key, String value, String replyTopic) {
        WithdrawalCancelRequest request = codec.decode(value, WithdrawalCancelRequest.class);
        if (!request.exchangeId().equals(key)) {
            throw new PoisonMessageException("key '" + key + "' is not the exchangeId " + request.exchangeId());
        }
        requireOwnReplyTopic(replyTopic);
        return ExchangeId.parse(request.exchangeId());
    }

    /** Replies go only to this ledger's response topic: a header cannot send them anywhere else. */
    private void requireOwnReplyTopic(String replyTopic) {
        if (replyTopic == null) {
            throw new PoisonMessageException("no " + MessageHeaders.REPLY_TOPIC + " header");
        }
        if (!replyTopic.equals(expectedReplyTopic)) {
            throw new PoisonMessageException("reply topic '" + replyTopic + "' is not " + expectedReplyTopic);
        }
    }
}
