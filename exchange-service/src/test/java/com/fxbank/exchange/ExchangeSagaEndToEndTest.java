package com.fxbank.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fxbank.messaging.Ledger;
import com.fxbank.messaging.MessageCodec;
import com.fxbank.messaging.Topics;
import com.fxbank.messaging.WithdrawalCancelRequest;
import com.fxbank.messaging.WithdrawalCancelResponse;
import com.fxbank.testsupport.RawKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/** Customers buy and sell through the real ledgers; a refused deposit is refunded through Kafka. */
class ExchangeSagaEndToEndTest {

    private final Bank bank = Bank.get();
    private final MessageCodec codec = new MessageCodec();

    @Test
    void a_buy_completes_with_exact_balances_in_both_ledgers() {
        String alice = Bank.newCustomer();
        bank.openAccount(alice, "KRW", "1000000");
        bank.openAccount(alice, "USD", "0");

        Map<String, Object> quote = bank.quote(alice, "BUY", "USD", "100.00", null);
        // mid 1380.00 plus the 50 bp spread: 1386.90 KRW per USD; 100.00 USD cost 138,690 KRW.
        assertThat(quote).containsEntry("rate", "1386.9000")
                .containsEntry("youPay", Map.of("amount", "138690", "currency", "KRW"))
                .containsEntry("youGet", Map.of("amount", "100.00", "currency", "USD"));

        ResponseEntity<Map<String, Object>> exchanged = bank.exchange(alice, quote.get("quoteId"), "key-" + UUID.randomUUID());

        assertThat(exchanged.getStatusCode().value()).isEqualTo(201);
        assertThat(exchanged.getBody()).containsEntry("outcome", "COMPLETED");
        assertThat(bank.states(exchanged.getBody())).containsExactly("STARTED", "WITHDRAWN", "COMPLETED");
        // The answer is built from what the saga wrote, without reading it back: it must be exactly what is stored.
        assertThat(bank.read(alice, (String) exchanged.getBody().get("id"))).isEqualTo(exchanged.getBody());
        assertThat(bank.balance(alice, "KRW")).isEqualByComparingTo("861310");
        assertThat(bank.balance(alice, "USD")).isEqualByComparingTo("100.00");
    }

    @Test
    void a_sell_priced_in_krw_completes_with_exact_balances() {
        String bob = Bank.newCustomer();
        bank.openAccount(bob, "KRW", "0");
        bank.openAccount(bob, "EUR", "500.00");

        // Sell EUR to receive exactly 100,000 KRW: rate 1500.00 less 50 bp = 1492.50; 100,000 / 1492.5 = 67.0017 EUR,
        // which the customer pays: rounded up, 67.01 EUR.
        Map<String, Object> quote = bank.quote(bob, "SELL", "EUR", "100000", "KRW");
        assertThat(quote).containsEntry("rate", "1492.5000")
                .containsEntry("youPay", Map.of("amount", "67.01", "currency", "EUR"))
                .containsEntry("youGet", Map.of("amount", "100000", "currency", "KRW"));

        assertThat(bank.exchange(bob, quote.get("quoteId"), "k1").getBody()).containsEntry("outcome", "COMPLETED");
        assertThat(bank.balance(bob, "EUR")).isEqualByComparingTo("432.99");
        assertThat(bank.balance(bob, "KRW")).isEqualByComparingTo("100000");
    }

    @Test
    void a_refused_deposit_is_answered_at_once_and_refunded_through_kafka_once_even_if_the_reply_comes_twice() {
        String carol = Bank.newCustomer();
        bank.openAccount(carol, "KRW", "500000");
        bank.openAccount(carol, "USD", "0");
        bank.freeze(carol, "USD");
        Map<String, Object> quote = bank.quote(carol, "BUY", "USD", "50.00", null);

        ResponseEntity<Map<String, Object>> exchanged = bank.exchange(carol, quote.get("quoteId"), "k1");

        assertThat(exchanged.getStatusCode().value()).isEqualTo(201);
        assertThat(exchanged.getBody()).containsEntry("outcome", "FAILED_REFUND_PENDING");
        String exchangeId = (String) exchanged.getBody().get("id");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "FAILED_REFUNDED".equals(bank.read(carol, exchangeId).get("state")));
        assertThat(bank.states(bank.read(carol, exchangeId)))
                .containsExactly("STARTED", "WITHDRAWN", "CANCELING_WITHDRAWAL", "FAILED_REFUNDED");
        assertThat(bank.balance(carol, "KRW")).isEqualByComparingTo("500000");
        assertThat(bank.balance(carol, "USD")).isEqualByComparingTo("0");

        // The seed's message, exactly as the request went out: topic, key, reply topic (R1, R5).
        ConsumerRecord<String, String> request = bank.rawKafka.awaitRecords(
                Ledger.KRW_ACCOUNT.withdrawalCancelRequestTopic(), exchangeId, 1).getFirst();
        assertThat(codec.decode(request.value(), WithdrawalCancelRequest.class).exchangeId()).isEqualTo(exchangeId);
        assertThat(RawKafka.header(request, "kafka_replyTopic"))
                .isEqualTo(Ledger.KRW_ACCOUNT.withdrawalCancelResponseTopic());
        // An operator finds that record from the exchange: topic, partition, offset, sent (issue 15).
        // (The relay marks a row sent just after Kafka's acknowledgement: waited for, not assumed.)
        assertThat(await().atMost(Duration.ofSeconds(10)).until(() -> bank.operator().get()
                        .uri("/ops/v1/exchanges/{id}/messages", exchangeId).retrieve().body(Bank.JSON_LIST),
                        messages -> messages.stream().allMatch(message -> message.get("sentAt") != null)))
                .singleElement().satisfies(message -> assertThat(message)
                        .containsEntry("topic", request.topic())
                        .containsEntry("partition", request.partition())
                        .containsEntry("offset", (int) request.offset())
                        .containsEntry("parked", false));
        // Each ledger's record of it: krw-account's refunded withdrawal, both its entries and its reply; fx-account's
        // refused deposit and no entry.
        Map<String, Object> krw = bank.ledgerOperatorApi(Ledger.KRW_ACCOUNT).get().uri("/ops/v1/exchanges/{id}", exchangeId)
                .retrieve().body(Bank.JSON);
        assertThat((List<?>) krw.get("operations")).singleElement().satisfies(operation ->
                assertThat(json(operation)).containsEntry("kind", "WITHDRAWAL").containsEntry("state", "REFUNDED")
                        .containsEntry("owner", carol));
        assertThat(((List<?>) krw.get("entries")).stream().map(entry -> (String) ((Map<?, ?>) entry).get("kind")))
                .containsExactly("WITHDRAWAL", "WITHDRAWAL_REFUND");
        assertThat((List<?>) krw.get("messages")).singleElement().satisfies(message ->
                assertThat(json(message)).containsEntry("topic", Ledger.KRW_ACCOUNT.withdrawalCancelResponseTopic()));
        Map<String, Object> fx = bank.ledgerOperatorApi(Ledger.FX_ACCOUNT).get().uri("/ops/v1/exchanges/{id}", exchangeId)
                .retrieve().body(Bank.JSON);
        assertThat((List<?>) fx.get("operations")).singleElement().satisfies(operation ->
                assertThat(json(operation)).containsEntry("kind", "DEPOSIT").containsEntry("state", "REFUSED")
                        .containsEntry("reason", "ACCOUNT_FROZEN"));
        assertThat((List<?>) fx.get("entries")).isEmpty();
        assertThat(bank.ledgerOperatorApi(Ledger.FX_ACCOUNT).get().uri("/ops/v1/exchanges/{id}", "not-an-id")
                .retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(400);
        assertThat(bank.operator().get().uri("/ops/v1/exchanges/{id}/messages", UUID.randomUUID()).retrieve()
                .toBodilessEntity().getStatusCode().value()).isEqualTo(404);
        assertThat(bank.customer(carol).get().uri("/ops/v1/exchanges/{id}/messages", exchangeId).retrieve()
                .toBodilessEntity().getStatusCode().value()).isEqualTo(403);

        // The reply delivered once more: nothing moves, the exchange stays where it is.
        bank.rawKafka.publish(Ledger.KRW_ACCOUNT.withdrawalCancelResponseTopic(), exchangeId,
                codec.encode(new WithdrawalCancelResponse(exchangeId, WithdrawalCancelResponse.Outcome.REFUNDED)), null);
        String marker = publishReplyForUnknownExchange();
        bank.rawKafka.awaitRecords(Topics.deadLetterOf(Ledger.KRW_ACCOUNT.withdrawalCancelResponseTopic()), marker, 1);
        assertThat(bank.read(carol, exchangeId)).containsEntry("state", "FAILED_REFUNDED");
        assertThat(bank.ledgerEntries(Ledger.KRW_ACCOUNT, exchangeId, "WITHDRAWAL_REFUND")).isOne();
        assertThat(bank.balance(carol, "KRW")).isEqualByComparingTo("500000");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(Object value) {
        return (Map<String, Object>) value;
    }

    /** A reply nobody asked for is poison; it also marks how far the consumer got. */
    private String publishReplyForUnknownExchange() {
        String unknown = UUID.randomUUID().toString();
        bank.rawKafka.publish(Ledger.KRW_ACCOUNT.withdrawalCancelResponseTopic(), unknown,
                codec.encode(new WithdrawalCancelResponse(unknown, WithdrawalCancelResponse.Outcome.REFUNDED)), null);
        return unknown;
    }

    @Test
    void a_refused_withdrawal_fails_the_exchange_with_the_reason_and_moves_nothing() {
        String dave = Bank.newCustomer();
        bank.openAccount(dave, "KRW", "1000");
        bank.openAccount(dave, "JPY", "0");
        Map<String, Object> quote = bank.quote(dave, "BUY", "JPY", "10000", null);

        ResponseEntity<Map<String, Object>> exchanged = bank.exchange(dave, quote.get("quoteId"), "k1");

        assertThat(exchanged.getStatusCode().value()).isEqualTo(201);
        assertThat(exchanged.getBody()).containsEntry("outcome", "FAILED")
                .containsEntry("reason", "withdrawal refused: INSUFFICIENT_FUNDS");
        assertThat(bank.balance(dave, "KRW")).isEqualByComparingTo("1000");
        assertThat(bank.balance(dave, "JPY")).isEqualByComparingTo("0");
    }

    /** An attacker with access to Kafka, or a broken ledger, replies REFUNDED for a COMPLETED exchange. */
    @Test
    void a_reply_that_contradicts_a_completed_exchange_is_never_applied_and_raises_the_alert() {
        String carol = Bank.newCustomer();
        bank.openAccount(carol, "KRW", "1000000");
        bank.openAccount(carol, "USD", "0");
        Map<String, Object> exchanged = bank.exchange(carol, bank.quote(carol, "BUY", "USD", "100.00", null).get("quoteId"),
                "k-" + UUID.randomUUID()).getBody();
        assertThat(exchanged).containsEntry("outcome", "COMPLETED");
        String id = (String) exchanged.get("id");

        String reply = new MessageCodec().encode(new WithdrawalCancelResponse(id,
                WithdrawalCancelResponse.Outcome.REFUNDED));
        bank.rawKafka.publish("krw-account.withdrawal-cancel.response", id, reply, null);

        assertThat(bank.rawKafka.awaitRecords("krw-account.withdrawal-cancel.response.DLT", id, 1).getFirst().value())
                .isEqualTo(reply);
        assertThat(bank.rawKafka.awaitRecords(Topics.ALERTS, id, 1).getFirst().value())
                .contains("contradicting reply", "COMPLETED");
        assertThat(bank.read(carol, id)).containsEntry("state", "COMPLETED");
        assertThat(bank.balance(carol, "KRW")).isEqualByComparingTo("861310");
        assertThat(bank.balance(carol, "USD")).isEqualByComparingTo("100.00");
    }
}
