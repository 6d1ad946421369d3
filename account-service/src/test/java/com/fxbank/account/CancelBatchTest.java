package com.fxbank.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fxbank.messaging.Topics;
import com.fxbank.messaging.WithdrawalCancelResponse;
import com.fxbank.messaging.WithdrawalCancelResponse.Outcome;
import com.fxbank.testsupport.RawKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Issue 16: a poll's batch of cancel requests is handled in one transaction per batch — and still refunds each
 * withdrawal once, answers every request, keeps every balance equal to its entries, and sends a poison request alone
 * to the dead-letter topic. The requests are published while the consumer is stopped, so that they wait in Kafka as
 * a backlog does and come in as few polls as the partitions allow.
 */
class CancelBatchTest extends KrwLedgerIntegrationTest {

    private static final int WITHDRAWALS = 24;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void a_backlog_of_cancels_is_refunded_in_one_transaction_per_partition_and_every_request_is_answered() {
        String owner = newOwner();
        String account = openFundedAccount(owner, 100_000);
        List<String> withdrawn = withdrawEach(owner, 1_000);
        String neverWithdrawn = newExchangeId();

        whileTheConsumerIsStopped(() -> {
            withdrawn.forEach(this::publishCancel);
            publishCancel(withdrawn.getFirst()); // the same request twice in the backlog
            publishCancel(neverWithdrawn);
        });

        List<ConsumerRecord<String, String>> replies = raw().awaitRecords(RESPONSES, withdrawn, WITHDRAWALS + 1);
        assertThat(replies).hasSize(WITHDRAWALS + 1).allSatisfy(reply -> assertThat(outcome(reply)).isEqualTo(Outcome.REFUNDED));
        assertThat(replies).extracting(ConsumerRecord::key).containsAll(withdrawn)
                .filteredOn(withdrawn.getFirst()::equals).hasSize(2); // both requests answered
        assertThat(outcome(awaitRecords(RESPONSES, neverWithdrawn, 1).getFirst())).isEqualTo(Outcome.NOTHING_WITHDRAWN);
        assertThat(withdraw(neverWithdrawn, owner, 1_000).getBody()).containsEntry("reason", "CANCELED");

        assertThat(balance(account)).isEqualByComparingTo("100000");
        assertBalanceIsSumOfEntries(account);
        withdrawn.forEach(id -> assertThat(entries(id, "WITHDRAWAL_REFUND")).as(id).isOne());
        assertThat(refundTransactions(withdrawn)).as("transactions that wrote the %d refunds", WITHDRAWALS)
                .isLessThanOrEqualTo(3); // the request topic's partitions: one batch each
    }

    @Test
    void a_poison_request_in_a_batch_goes_alone_to_the_dead_letter_topic_and_the_rest_is_refunded() {
        String owner = newOwner();
        String account = openFundedAccount(owner, 100_000);
        List<String> withdrawn = withdrawEach(owner, 2_000);
        String poisonKey = withdrawn.get(WITHDRAWALS / 2);
        String marker = "poison-" + UUID.randomUUID();

        whileTheConsumerIsStopped(() -> {
            withdrawn.subList(0, WITHDRAWALS / 2).forEach(this::publishCancel);
            publishRaw(poisonKey, "{not json " + marker, RESPONSES); // same key: the same partition as its cancel
            withdrawn.subList(WITHDRAWALS / 2, WITHDRAWALS).forEach(this::publishCancel);
        });

        List<ConsumerRecord<String, String>> replies = raw().awaitRecords(RESPONSES, withdrawn, WITHDRAWALS);
        assertThat(replies).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(withdrawn);
        assertThat(replies).allSatisfy(reply -> assertThat(outcome(reply)).isEqualTo(Outcome.REFUNDED));
        assertThat(balance(account)).isEqualByComparingTo("100000");
        assertBalanceIsSumOfEntries(account);
        withdrawn.forEach(id -> assertThat(entries(id, "WITHDRAWAL_REFUND")).as(id).isOne());

        // Every well-formed request was answered, so none of them went to the dead-letter topic: only the poison did.
        assertThat(raw().awaitRecords(Topics.deadLetterOf(REQUESTS), withdrawn, 1)).singleElement().satisfies(letter -> {
            assertThat(letter.key()).isEqualTo(poisonKey);
            assertThat(letter.value()).contains(marker);
            assertThat(RawKafka.header(letter, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).contains("not JSON");
        });
    }

    private RawKafka raw() {
        return new RawKafka(broker.getBrokersAsString());
    }

    private List<String> withdrawEach(String owner, long krw) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < WITHDRAWALS; i++) {
            String id = newExchangeId();
            assertThat(withdraw(id, owner, krw).getBody()).containsEntry("state", "APPLIED");
            ids.add(id);
        }
        return ids;
    }

    private void whileTheConsumerIsStopped(Runnable publish) {
        listeners.getListenerContainers().forEach(container -> container.stop());
        try {
            publish.run();
        } finally {
            listeners.getListenerContainers().forEach(container -> container.start());
        }
    }

    private Outcome outcome(ConsumerRecord<String, String> reply) {
        return codec.decode(reply.value(), WithdrawalCancelResponse.class).outcome();
    }

    /** Rows written by one transaction share its id (PostgreSQL's xmin). */
    private long refundTransactions(List<String> exchangeIds) {
        return jdbc.sql("SELECT count(DISTINCT xmin::text) FROM ledger_entry WHERE kind = 'WITHDRAWAL_REFUND' AND reference IN (:ids)")
                .param("ids", exchangeIds).query(Long.class).single();
    }
}
