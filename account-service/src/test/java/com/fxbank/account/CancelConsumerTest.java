package com.fxbank.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fxbank.messaging.Topics;
import com.fxbank.messaging.WithdrawalCancelRequest;
import com.fxbank.messaging.WithdrawalCancelResponse;
import com.fxbank.messaging.WithdrawalCancelResponse.Outcome;
import com.fxbank.testsupport.RawKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * The seed's compensation consumer (R2, R6, R7, R9; DESIGN B1, B2), fed by a raw Kafka producer as any
 * client could: a refund happens once however often the request comes, the answer goes to REPLY_TOPIC,
 * a cancel that comes first blocks the late withdrawal, and poison goes to the dead-letter topic.
 */
class CancelConsumerTest extends KrwLedgerIntegrationTest {

    @Test
    void a_cancel_published_twice_refunds_once_and_is_answered_both_times() {
        String owner = newOwner();
        String account = openFundedAccount(owner, 100_000);
        String exchangeId = newExchangeId();
        withdraw(exchangeId, owner, 30_000);

        publishCancel(exchangeId);
        publishCancel(exchangeId);

        List<ConsumerRecord<String, String>> replies = awaitRecords(RESPONSES, exchangeId, 2);
        assertThat(replies).allSatisfy(reply -> assertThat(codec.decode(reply.value(), WithdrawalCancelResponse.class))
                .isEqualTo(new WithdrawalCancelResponse(exchangeId, Outcome.REFUNDED)));
        assertThat(balance(account)).isEqualByComparingTo("100000");
        assertThat(entries(exchangeId, "WITHDRAWAL_REFUND")).isOne();
        assertBalanceIsSumOfEntries(account);
        assertThat(service().get().uri("/internal/v1/withdrawals/{id}", exchangeId).retrieve().toEntity(JSON).getBody())
                .containsEntry("state", "REFUNDED");
    }

    @Test
    void a_cancel_that_arrives_before_its_withdrawal_leaves_a_tombstone_that_refuses_the_withdrawal() {
        String owner = newOwner();
        String account = openFundedAccount(owner, 50_000);
        String exchangeId = newExchangeId();

        publishCancel(exchangeId);
        ConsumerRecord<String, String> reply = awaitRecords(RESPONSES, exchangeId, 1).getFirst();
        assertThat(codec.decode(reply.value(), WithdrawalCancelResponse.class).outcome()).isEqualTo(Outcome.NOTHING_WITHDRAWN);

        assertThat(withdraw(exchangeId, owner, 10_000).getBody())
                .containsEntry("state", "REFUSED").containsEntry("reason", "CANCELED");
        assertThat(balance(account)).isEqualByComparingTo("50000");
        assertThat(entries(exchangeId, "WITHDRAWAL")).isZero();
    }

    @Test
    void cancelling_a_refused_withdrawal_refunds_nothing() {
        String owner = newOwner();
        String account = openFundedAccount(owner, 100);
        String exchangeId = newExchangeId();
        assertThat(withdraw(exchangeId, owner, 5_000).getBody()).containsEntry("state", "REFUSED");

        publishCancel(exchangeId);

        ConsumerRecord<String, String> reply = awaitRecords(RESPONSES, exchangeId, 1).getFirst();
        assertThat(codec.decode(reply.value(), WithdrawalCancelResponse.class).outcome()).isEqualTo(Outcome.NOTHING_WITHDRAWN);
        assertThat(balance(account)).isEqualByComparingTo("100");
    }

    @Test
    void poison_messages_go_to_the_dead_letter_topic_with_the_reason_and_the_next_message_is_processed() {
        String owner = newOwner();
        String account = openFundedAccount(owner, 10_000);
        String exchangeId = newExchangeId();
        withdraw(exchangeId, owner, 4_000);
        String notJson = "poison-" + newExchangeId();

        // Same key as the valid cancel after them: same partition, so they stand in its way.
        publishRaw(exchangeId, "{not json " + notJson, RESPONSES);
        publishRaw(exchangeId, codec.encode(new WithdrawalCancelRequest(exchangeId)), null);
        publishRaw(exchangeId, codec.encode(new WithdrawalCancelRequest(exchangeId)), "somewhere.else");
        publishCancel(exchangeId);

        ConsumerRecord<String, String> reply = awaitRecords(RESPONSES, exchangeId, 1).getFirst();
        assertThat(codec.decode(reply.value(), WithdrawalCancelResponse.class).outcome()).isEqualTo(Outcome.REFUNDED);
        assertThat(balance(account)).isEqualByComparingTo("10000");
        assertThat(entries(exchangeId, "WITHDRAWAL_REFUND")).isOne();

        List<ConsumerRecord<String, String>> deadLetters = awaitRecords(Topics.deadLetterOf(REQUESTS), exchangeId, 3);
        assertThat(deadLetters).extracting(r -> RawKafka.header(r, KafkaHeaders.DLT_EXCEPTION_MESSAGE))
                .anySatisfy(message -> assertThat(message).contains("not JSON"))
                .anySatisfy(message -> assertThat(message).contains("no kafka_replyTopic header"))
                .anySatisfy(message -> assertThat(message).contains("reply topic 'somewhere.else'"));
        assertThat(deadLetters).extracting(ConsumerRecord::value).anySatisfy(v -> assertThat(v).contains(notJson));
    }

}
