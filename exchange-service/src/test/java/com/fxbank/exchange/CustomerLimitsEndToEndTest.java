package com.fxbank.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
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
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * Daily and yearly limits per customer, in USD equivalent, on real PostgreSQL through the real services: the guard is
 * the database's, so neither concurrency nor a second instance lets an exchange past the last of a limit, and an
 * exchange that ends without moving money gives its share back once. An operator's override holds for that customer
 * alone, from the very next exchange; hostile input changes nothing; customers reach neither the overrides nor the
 * large-exchange report, which lists what the bank files while a metric counts it.
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

            ResponseEntity<Map<String, Object>> refused = quoteAnswer(customer, "USD", "600.00");
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

    @Test
    void an_override_raises_one_customers_limit_and_nobody_elses_until_it_is_removed() {
        ConfigurableApplicationContext limited = bank.startExchangeInstance("--fxbank.exchange.customer-limits.daily=1000.00");
        try {
            String alice = fundedCustomer();
            String bob = fundedCustomer();
            RestClient operator = bank.operator(limited);
            ResponseEntity<Map<String, Object>> set = setLimits(operator, alice,
                    Map.of("daily", "5000.00", "yearly", "50000.00", "reason", "corporate client, ticket FX-17"));
            assertThat(set.getStatusCode().value()).isEqualTo(200);

            RestClient aliceApi = bank.customer(limited, alice);
            RestClient bobApi = bank.customer(limited, bob);
            assertThat(exchange(aliceApi, quote(aliceApi, "3000.00").get("quoteId")).getStatusCode().value())
                    .isEqualTo(201);
            ResponseEntity<Map<String, Object>> bobs = quoteAnswer(bobApi, "USD", "3000.00");
            assertThat(bobs.getStatusCode().value()).isEqualTo(422);
            assertThat((String) bobs.getBody().get("detail")).contains("daily limit of 1000.00 USD");
            assertThat(limitsOf(aliceApi)).containsEntry("own", true);
            assertThat(period(limitsOf(aliceApi), "daily")).containsEntry("limit", "5000.00").containsEntry("left", "2000.00");
            assertThat(limitsOf(bobApi)).containsEntry("own", false);
            assertThat(period(limitsOf(bobApi), "daily")).containsEntry("limit", "1000.00");

            // The operator's view and the journal say who set what, and why.
            Map<String, Object> view = operator.get().uri("/ops/v1/customers/{c}/limits", alice).retrieve().body(Bank.JSON);
            assertThat(view.get("override")).asString().contains("corporate client, ticket FX-17");
            List<Map<String, Object>> journal = operator.get().uri("/ops/v1/actions?target={c}", alice).retrieve()
                    .body(Bank.JSON_LIST);
            assertThat(journal).singleElement().satisfies(action -> {
                assertThat(action).containsEntry("action", "SET_CUSTOMER_LIMITS").containsEntry("operator", "operator");
                assertThat((String) action.get("result")).contains("the bank's defaults (daily 1000.00")
                        .contains("-> daily 5000.00, yearly 50000.00 USD");
            });

            // Back to the defaults: 3,000 used today is past them, so the next quote is refused.
            assertThat(operator.method(HttpMethod.DELETE).uri("/ops/v1/customers/{c}/limits", alice)
                    .contentType(MediaType.APPLICATION_JSON).body(Map.of("reason", "review done"))
                    .retrieve().toEntity(Bank.JSON).getStatusCode().value()).isEqualTo(200);
            assertThat(quoteAnswer(aliceApi, "USD", "10.00").getStatusCode().value()).isEqualTo(422);
            assertThat(limitsOf(aliceApi)).containsEntry("own", false);
        } finally {
            limited.close();
        }
    }

    @Test
    void hostile_override_input_is_a_short_400_that_changes_nothing() {
        String carol = Bank.newCustomer();
        RestClient operator = bank.operator();
        String reason = "ticket FX-18";
        List<Map<String, Object>> bodies = List.of(
                Map.of("daily", "-1", "yearly", "1000.00", "reason", reason),
                Map.of("daily", "0", "yearly", "1000.00", "reason", reason),
                Map.of("daily", "1e9", "yearly", "1000.00", "reason", reason),
                Map.of("daily", "10.001", "yearly", "1000.00", "reason", reason),
                Map.of("daily", "NaN", "yearly", "1000.00", "reason", reason),
                Map.of("daily", "9".repeat(50_000), "yearly", "1000.00", "reason", reason),
                Map.of("daily", "2000.00", "yearly", "1000.00", "reason", reason),
                Map.of("daily", "1000.00", "yearly", "9999999999999.00", "reason", reason),
                Map.of("daily", "1000.00", "reason", reason),
                Map.of("daily", "1000.00", "yearly", "5000.00"),
                Map.of("daily", "1000.00", "yearly", "5000.00", "reason", "   "),
                Map.of("daily", "1000.00", "yearly", "5000.00", "reason", "line\u0000break"),
                Map.of("daily", "1000.00", "yearly", "5000.00", "reason", "x".repeat(501)),
                Map.of("daily", List.of("1000.00"), "yearly", "5000.00", "reason", reason));
        for (Map<String, Object> body : bodies) {
            ResponseEntity<String> answer = operator.put().uri("/ops/v1/customers/{c}/limits", carol)
                    .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(String.class);
            assertThat(answer.getStatusCode().value()).as("%.80s", body).isEqualTo(400);
            assertThat(answer.getBody()).as("%.80s", body).hasSizeLessThan(600);
        }
        for (String customer : List.of("x".repeat(65), "a b", "tab\tbed")) {
            ResponseEntity<String> answer = operator.put().uri("/ops/v1/customers/{c}/limits", customer)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("daily", "1000.00", "yearly", "5000.00", "reason", reason))
                    .retrieve().toEntity(String.class);
            assertThat(answer.getStatusCode().value()).as(customer).isEqualTo(400);
        }
        ResponseEntity<String> notJson = operator.put().uri("/ops/v1/customers/{c}/limits", carol)
                .contentType(MediaType.APPLICATION_JSON).body("{\"daily\": ").retrieve().toEntity(String.class);
        assertThat(notJson.getStatusCode().value()).isEqualTo(400);

        assertThat(operator.get().uri("/ops/v1/customers/{c}/limits", carol).retrieve().body(Bank.JSON))
                .containsEntry("override", null);
        assertThat(operator.get().uri("/ops/v1/actions?target={c}", carol).retrieve().body(Bank.JSON_LIST)).isEmpty();
        assertThat(period(limitsOf(bank.customer(carol)), "daily")).containsEntry("limit", "50000.00");
    }

    @Test
    void customers_can_neither_read_nor_set_anyones_limits_nor_read_the_reports() {
        String dave = fundedCustomer();
        String erin = Bank.newCustomer();
        RestClient daveApi = bank.customer(dave);
        Map<String, String> raise = Map.of("daily", "900000.00", "yearly", "900000.00", "reason", "me");
        for (String who : List.of(dave, erin)) {
            assertThat(daveApi.get().uri("/ops/v1/customers/{c}/limits", who).retrieve().toBodilessEntity()
                    .getStatusCode().value()).isEqualTo(403);
            assertThat(daveApi.put().uri("/ops/v1/customers/{c}/limits", who).contentType(MediaType.APPLICATION_JSON)
                    .body(raise).retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(403);
            assertThat(daveApi.method(HttpMethod.DELETE).uri("/ops/v1/customers/{c}/limits", who)
                    .contentType(MediaType.APPLICATION_JSON).body(Map.of("reason", "me")).retrieve().toBodilessEntity()
                    .getStatusCode().value()).isEqualTo(403);
        }
        assertThat(daveApi.get().uri("/ops/v1/limits").retrieve().toBodilessEntity().getStatusCode().value())
                .isEqualTo(403);
        assertThat(daveApi.get().uri("/ops/v1/reports/large-exchanges").retrieve().toBodilessEntity()
                .getStatusCode().value()).isEqualTo(403);
        // Erin has limits of her own; the customer's endpoint has no way to name her: it answers for the token's subject.
        assertThat(setLimits(bank.operator(), erin, Map.of("daily", "7777.00", "yearly", "77770.00", "reason", "test"))
                .getStatusCode().value()).isEqualTo(200);
        Map<String, Object> asked = daveApi.get().uri("/api/v1/limits?customer={c}&owner={c}", erin, erin).retrieve()
                .body(Bank.JSON);
        assertThat(asked).containsEntry("own", false);
        assertThat(period(asked, "daily")).containsEntry("limit", "50000.00");
        assertThat(period(limitsOf(bank.customer(erin)), "daily")).containsEntry("limit", "7777.00");
    }

    @Test
    void the_large_exchange_report_lists_what_the_bank_files_and_a_metric_counts_it() {
        ConfigurableApplicationContext reporting = bank.startExchangeInstance(
                "--fxbank.exchange.reporting.single-exchange=1000.00", "--fxbank.exchange.reporting.customer-day=1500.00");
        try {
            MeterRegistry meters = reporting.getBean(MeterRegistry.class);
            String alice = fundedCustomer();
            String bob = fundedCustomer();
            String carol = fundedCustomer();
            RestClient aliceApi = bank.customer(reporting, alice);
            RestClient bobApi = bank.customer(reporting, bob);
            RestClient carolApi = bank.customer(reporting, carol);
            String big = exchanged(aliceApi, "1200.00");
            String firstHalf = exchanged(bobApi, "800.00");
            String secondHalf = exchanged(bobApi, "800.00");
            exchanged(carolApi, "500.00");

            String today = LocalDate.now(ZoneId.of("Asia/Seoul")).toString();
            Map<String, Object> report = bank.operator(reporting).get()
                    .uri("/ops/v1/reports/large-exchanges?date={d}&size=500", today).retrieve().body(Bank.JSON);
            assertThat(report).containsEntry("businessDay", today).containsEntry("businessZone", "Asia/Seoul");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rows = (List<Map<String, Object>>) report.get("exchanges");
            Map<String, Map<String, Object>> ours = new HashMap<>();
            rows.stream().filter(row -> List.of(alice, bob, carol).contains(row.get("customer")))
                    .forEach(row -> ours.put((String) row.get("exchangeId"), row));
            assertThat(ours.keySet()).containsExactlyInAnyOrder(big, firstHalf, secondHalf);
            assertThat(ours.get(big)).containsEntry("customer", alice).containsEntry("direction", "BUY")
                    .containsEntry("currency", "USD").containsEntry("fxAmount", "1200.00")
                    .containsEntry("usdEquivalent", "1200.00").containsEntry("customerDayTotalUsd", "1200.00")
                    .containsEntry("reasons", List.of("single-exchange"));
            assertThat(ours.get(big).get("midRate")).isNotNull();
            assertThat(ours.get(big).get("krwAmount")).isNotNull();
            assertThat(ours.get(firstHalf)).containsEntry("customerDayTotalUsd", "1600.00")
                    .containsEntry("reasons", List.of("customer-day"));
            assertThat(ours.get(secondHalf)).containsEntry("reasons", List.of("customer-day"));

            // Alice's exchange, once; Bob's day, once, though two of his exchanges are in it.
            assertThat(meters.counter("fxbank.exchange.reportable", "reason", "single-exchange").count()).isEqualTo(1.0);
            assertThat(meters.counter("fxbank.exchange.reportable", "reason", "customer-day").count()).isEqualTo(1.0);

            // Another day has none of them; a date that is not one is a 400.
            Map<String, Object> yesterday = bank.operator(reporting).get().uri("/ops/v1/reports/large-exchanges?date={d}",
                    LocalDate.parse(today).minusDays(1).toString()).retrieve().body(Bank.JSON);
            assertThat(yesterday.get("exchanges")).asString().doesNotContain(alice).doesNotContain(bob);
            for (String date : List.of("2026-13-01", "yesterday", "+12026-01-01", "1969-12-31", "9".repeat(5000))) {
                assertThat(bank.operator(reporting).get().uri("/ops/v1/reports/large-exchanges?date={d}", date)
                        .retrieve().toEntity(String.class).getStatusCode().value()).as(date).isEqualTo(400);
            }
            assertThat(bank.operator(reporting).get().uri("/ops/v1/reports/large-exchanges?size=100000")
                    .retrieve().toEntity(String.class).getStatusCode().value()).isEqualTo(400);
        } finally {
            reporting.close();
        }
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
        ResponseEntity<Map<String, Object>> response = quoteAnswer(customer, currency, amount);
        assertThat(response.getStatusCode().value()).as("quote %s", response.getBody()).isEqualTo(201);
        return response.getBody();
    }

    private static ResponseEntity<Map<String, Object>> quoteAnswer(RestClient customer, String currency, String amount) {
        return customer.post().uri("/api/v1/quotes").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("side", "BUY", "currency", currency, "amount", amount)).retrieve().toEntity(Bank.JSON);
    }

    private String exchanged(RestClient customer, String usd) {
        ResponseEntity<Map<String, Object>> answer = exchange(customer, quote(customer, usd).get("quoteId"));
        assertThat(answer.getBody()).as("exchange of %s USD", usd).containsEntry("outcome", "COMPLETED");
        return (String) answer.getBody().get("id");
    }

    private static ResponseEntity<Map<String, Object>> setLimits(RestClient operator, String customer, Map<String, ?> body) {
        return operator.put().uri("/ops/v1/customers/{c}/limits", customer).contentType(MediaType.APPLICATION_JSON)
                .body(body).retrieve().toEntity(Bank.JSON);
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
