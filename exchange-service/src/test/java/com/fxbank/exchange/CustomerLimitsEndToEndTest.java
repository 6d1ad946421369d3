package com.fxbank.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fxbank.messaging.Ledger;
import com.fxbank.messaging.MessageCodec;
import com.fxbank.messaging.Topics;
import com.fxbank.messaging.WithdrawalCancelResponse;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * Daily and yearly limits per customer, in USD equivalent, on real PostgreSQL through the real services: the guard is
 * the database's, so neither concurrency nor a second instance lets an exchange past the last of a limit, and an
 * exchange that ends without moving money gives its share back once.
 */
class CustomerLimitsEndToEndTest {

    private final Bank bank = Bank.get();
    private final MessageCodec codec = new MessageCodec();

    @Test
    void twenty_concurrent_exchanges_against_the_last_ten_thousand_dollars_of_a_day_let_exactly_ten_through() throws Exception {
        ConfigurableApplicationContext limited = bank.startExchangeInstance("--fxbank.exchange.customer-limits.daily=10000.00");
        try {
            String owner = fundedCustomer();
            assertThat(concurrentBuys(owner, List.of(limited), 20))
                    .containsEntry("COMPLETED", 10L).containsEntry("refused", 10L);
            assertThat(limitsOf(bank.customer(limited, owner))).satisfies(limits ->
                    assertThat(period(limits, "daily")).containsEntry("used", "10000.00").containsEntry("left", "0.00"));
            assertThat(bank.balance(owner, "USD")).isEqualByComparingTo("10000.00");
        } finally {
            limited.close();
        }
    }

    @Test
    void two_instances_share_one_limit() throws Exception {
        ConfigurableApplicationContext first = bank.startExchangeInstance("--fxbank.exchange.customer-limits.daily=10000.00");
        ConfigurableApplicationContext second = bank.startExchangeInstance("--fxbank.exchange.customer-limits.daily=10000.00");
        try {
            String owner = fundedCustomer();
            assertThat(concurrentBuys(owner, List.of(first, second), 20))
                    .containsEntry("COMPLETED", 10L).containsEntry("refused", 10L);
            assertThat(bank.balance(owner, "USD")).isEqualByComparingTo("10000.00");
        } finally {
            first.close();
            second.close();
        }
    }

    @Test
    void a_quote_past_the_limit_is_refused_naming_the_limit_and_what_is_left() {
        ConfigurableApplicationContext limited = bank.startExchangeInstance("--fxbank.exchange.customer-limits.daily=1500.00");
        try {
            String owner = fundedCustomer();
            RestClient customer = bank.customer(limited, owner);
            assertThat(exchange(customer, quote(customer, "1000.00").get("quoteId")).getStatusCode().value()).isEqualTo(201);

            ResponseEntity<Map<String, Object>> refused = customer.post().uri("/api/v1/quotes")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("side", "BUY", "currency", "USD", "amount", "600.00")).retrieve().toEntity(Bank.JSON);
            assertThat(refused.getStatusCode().value()).isEqualTo(422);
            assertThat((String) refused.getBody().get("detail")).contains("daily limit of 1500.00 USD")
                    .contains("500.00 USD left today");
            // Another currency counts at its USD equivalent: 300 EUR at 1500 KRW and USD at 1380 are 326.09 USD.
            assertThat(exchange(customer, quote(customer, "EUR", "300.00").get("quoteId")).getStatusCode().value())
                    .isEqualTo(201);
            assertThat(period(limitsOf(customer), "daily")).containsEntry("used", "1326.09").containsEntry("left", "173.91");
        } finally {
            limited.close();
        }
    }

    @Test
    void a_refused_deposit_refunded_through_kafka_gives_its_usage_back_once_even_if_the_reply_comes_twice() {
        String carol = bank.customerWithFrozenUsd("500000");
        Map<String, Object> quote = bank.quote(carol, "BUY", "USD", "50.00", null);
        ResponseEntity<Map<String, Object>> exchanged = bank.exchange(carol, quote.get("quoteId"), "k1");
        String exchangeId = (String) exchanged.getBody().get("id");
        // While the refund is on its way, the exchange counts.
        assertThat(period(limitsOf(bank.customer(carol)), "daily")).containsEntry("used", "50.00");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "FAILED_REFUNDED".equals(bank.read(carol, exchangeId).get("state")));
        assertThat(period(limitsOf(bank.customer(carol)), "daily")).containsEntry("used", "0.00");

        // A second exchange that completes, then the refund's reply delivered once more: usage stays that exchange's.
        bank.openAccount(carol, "EUR", "0");
        Map<String, Object> next = bank.quote(carol, "BUY", "EUR", "20.00", null);
        assertThat(bank.exchange(carol, next.get("quoteId"), "k2").getBody()).containsEntry("outcome", "COMPLETED");
        assertThat(period(limitsOf(bank.customer(carol)), "daily")).containsEntry("used", "21.74");
        bank.rawKafka.publish(Ledger.KRW_ACCOUNT.withdrawalCancelResponseTopic(), exchangeId,
                codec.encode(new WithdrawalCancelResponse(exchangeId, WithdrawalCancelResponse.Outcome.REFUNDED)), null);
        // Then a reply that contradicts the exchange, under the same key: the same partition, so once it is
        // dead-lettered the copy before it has been handled.
        bank.rawKafka.publish(Ledger.KRW_ACCOUNT.withdrawalCancelResponseTopic(), exchangeId,
                codec.encode(new WithdrawalCancelResponse(exchangeId, WithdrawalCancelResponse.Outcome.NOTHING_WITHDRAWN)), null);
        bank.rawKafka.awaitRecords(Topics.deadLetterOf(Ledger.KRW_ACCOUNT.withdrawalCancelResponseTopic()), exchangeId, 1);
        assertThat(period(limitsOf(bank.customer(carol)), "daily")).containsEntry("used", "21.74");
        assertThat(period(limitsOf(bank.customer(carol)), "yearly")).containsEntry("used", "21.74");
    }

    @Test
    void customers_read_only_their_own_limits() {
        String alice = fundedCustomer();
        String bob = Bank.newCustomer();
        Map<String, Object> quote = bank.quote(alice, "BUY", "USD", "10.00", null);
        bank.exchange(alice, quote.get("quoteId"), "k1");
        assertThat(period(limitsOf(bank.customer(bob)), "daily")).containsEntry("used", "0.00");
        assertThat(bank.operator().get().uri("/api/v1/limits").retrieve().toBodilessEntity().getStatusCode().value())
                .isEqualTo(403);
    }

    // ----

    private String fundedCustomer() {
        String owner = Bank.newCustomer();
        bank.openAccount(owner, "KRW", "40000000");
        bank.openAccount(owner, "USD", "0");
        bank.openAccount(owner, "EUR", "0");
        return owner;
    }

    /** {@code count} quotes of 1,000 USD first, then all their exchanges at once, round-robin over the instances. */
    private Map<String, Long> concurrentBuys(String owner, List<ConfigurableApplicationContext> instances, int count)
            throws Exception {
        List<RestClient> clients = instances.stream().map(instance -> bank.customer(instance, owner)).toList();
        List<Object> quotes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            quotes.add(quote(clients.get(i % clients.size()), "1000.00").get("quoteId"));
        }
        List<Future<ResponseEntity<Map<String, Object>>>> answers = new ArrayList<>();
        try (ExecutorService customers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                RestClient client = clients.get(i % clients.size());
                Object quoteId = quotes.get(i);
                answers.add(customers.submit(() -> exchange(client, quoteId)));
            }
        }
        Map<String, Long> outcomes = new java.util.TreeMap<>();
        for (Future<ResponseEntity<Map<String, Object>>> answer : answers) {
            ResponseEntity<Map<String, Object>> response = answer.get();
            String outcome = response.getStatusCode().value() == 422
                    && String.valueOf(response.getBody().get("detail")).contains("daily limit of 10000.00 USD")
                    ? "refused" : String.valueOf(response.getBody().get("outcome"));
            outcomes.merge(outcome, 1L, Long::sum);
        }
        return outcomes;
    }

    private Map<String, Object> quote(RestClient customer, String usd) {
        return quote(customer, "USD", usd);
    }

    private Map<String, Object> quote(RestClient customer, String currency, String amount) {
        ResponseEntity<Map<String, Object>> response = customer.post().uri("/api/v1/quotes")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("side", "BUY", "currency", currency, "amount", amount)).retrieve().toEntity(Bank.JSON);
        assertThat(response.getStatusCode().value()).as("quote %s", response.getBody()).isEqualTo(201);
        return response.getBody();
    }

    private static ResponseEntity<Map<String, Object>> exchange(RestClient customer, Object quoteId) {
        return customer.post().uri("/api/v1/exchanges").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(Map.of("quoteId", quoteId))
                .retrieve().toEntity(Bank.JSON);
    }

    private static Map<String, Object> limitsOf(RestClient customer) {
        return customer.get().uri("/api/v1/limits").retrieve().body(Bank.JSON);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> period(Map<String, Object> limits, String which) {
        return (Map<String, Object>) limits.get(which);
    }
}
