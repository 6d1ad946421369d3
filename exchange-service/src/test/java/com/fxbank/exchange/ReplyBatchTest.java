package com.fxbank.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import com.fxbank.messaging.Ledger;
import com.fxbank.messaging.MessageCodec;
import com.fxbank.messaging.Topics;
import com.fxbank.messaging.WithdrawalCancelResponse;
import com.fxbank.testsupport.RawKafka;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Issue 16: the exchange service applies a poll's batch of cancel replies in one transaction — and still applies each
 * exchange's reply once, shrugs off a copy, and sends a reply nobody asked for alone to the dead-letter topic. The
 * replies wait in Kafka while the service's consumers are stopped, as a backlog does.
 */
class ReplyBatchTest {

    private static final String REPLIES = Ledger.KRW_ACCOUNT.withdrawalCancelResponseTopic();
    private static final int EXCHANGES = 12;

    private final Bank bank = Bank.get();
    private final MessageCodec codec = new MessageCodec();

    @Test
    void a_backlog_of_replies_completes_every_exchange_once_in_one_transaction_per_partition() {
        String owner = bank.customerWithFrozenUsd("10000000");
        List<String> ids = whileTheConsumersAreStopped(() -> {
            List<String> refused = refusedDeposits(owner);
            bank.rawKafka.publish(REPLIES, refused.getFirst(), // a copy of one of them
                    codec.encode(new WithdrawalCancelResponse(refused.getFirst(), WithdrawalCancelResponse.Outcome.REFUNDED)), null);
            return refused;
        });

        awaitRefunded(owner, ids);
        assertThat(bank.exchangeJdbc().sql("""
                        SELECT count(DISTINCT xmin::text) FROM exchange_history
                        WHERE to_state = 'FAILED_REFUNDED' AND exchange_id IN (:ids)""")
                .param("ids", ids.stream().map(UUID::fromString).toList()).query(Long.class).single())
                .as("transactions that completed the %d exchanges", EXCHANGES)
                .isLessThanOrEqualTo(3); // the reply topic's partitions: one batch each at most
    }

    @Test
    void a_reply_nobody_asked_for_in_a_batch_goes_alone_to_the_dead_letter_topic_and_the_rest_is_applied() {
        String owner = bank.customerWithFrozenUsd("10000000");
        String unknown = UUID.randomUUID().toString();
        List<String> ids = whileTheConsumersAreStopped(() -> {
            List<String> refused = refusedDeposits(owner);
            bank.rawKafka.publish(REPLIES, unknown,
                    codec.encode(new WithdrawalCancelResponse(unknown, WithdrawalCancelResponse.Outcome.REFUNDED)), null);
            return refused;
        });

        awaitRefunded(owner, ids);
        List<String> keys = new ArrayList<>(ids);
        keys.add(unknown);
        assertThat(bank.rawKafka.awaitRecords(Topics.deadLetterOf(REPLIES), keys, 1)).singleElement().satisfies(letter -> {
            assertThat(letter.key()).isEqualTo(unknown);
            assertThat(RawKafka.header(letter, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).contains("no exchange " + unknown);
        });
    }


    /** Exchanges whose deposits are refused; returns once krw-account has refunded each and replied. */
    private List<String> refusedDeposits(String owner) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < EXCHANGES; i++) {
            Map<String, Object> exchanged = bank.exchange(owner, bank.quote(owner, "BUY", "USD", "10.00", null).get("quoteId"),
                    "k-" + UUID.randomUUID()).getBody();
            assertThat(exchanged).containsEntry("outcome", "FAILED_REFUND_PENDING");
            ids.add((String) exchanged.get("id"));
        }
        bank.rawKafka.awaitRecords(REPLIES, ids, EXCHANGES);
        return ids;
    }

    private <T> T whileTheConsumersAreStopped(Supplier<T> backlog) {
        KafkaListenerEndpointRegistry listeners = bank.exchangeBean(KafkaListenerEndpointRegistry.class);
        listeners.getListenerContainers().forEach(container -> container.stop());
        try {
            return backlog.get();
        } finally {
            listeners.getListenerContainers().forEach(container -> container.start());
        }
    }

    private void awaitRefunded(String owner, List<String> ids) {
        await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream()
                .allMatch(id -> "FAILED_REFUNDED".equals(bank.read(owner, id).get("state"))));
        ids.forEach(id -> assertThat(bank.states(bank.read(owner, id)))
                .containsExactly("STARTED", "WITHDRAWN", "CANCELING_WITHDRAWAL", "FAILED_REFUNDED"));
        assertThat(bank.balance(owner, "KRW")).isEqualByComparingTo("10000000");
    }
}
