package com.fxbank.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** The public API's promises: idempotent execution, server-side prices, owners only, clear 4xx. */
class ExchangeApiTest {

    private final Bank bank = Bank.get();

    @Test
    void a_retry_with_the_same_idempotency_key_returns_the_same_exchange_and_moves_money_once() {
        String erin = Bank.newCustomer();
        bank.openAccount(erin, "KRW", "300000");
        bank.openAccount(erin, "USD", "0");
        Object quoteId = bank.quote(erin, "BUY", "USD", "10.00", null).get("quoteId");

        ResponseEntity<Map<String, Object>> first = bank.exchange(erin, quoteId, "same-key");
        ResponseEntity<Map<String, Object>> again = bank.exchange(erin, quoteId, "same-key");

        assertThat(first.getStatusCode().value()).isEqualTo(201);
        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(again.getBody()).containsEntry("id", first.getBody().get("id")).containsEntry("outcome", "COMPLETED");
        assertThat(bank.balance(erin, "USD")).isEqualByComparingTo("10.00");

        Object otherQuote = bank.quote(erin, "BUY", "USD", "20.00", null).get("quoteId");
        assertThat(bank.exchange(erin, otherQuote, "same-key").getStatusCode().value())
                .as("the same key with another body is refused").isEqualTo(409);
        assertThat(bank.exchange(erin, quoteId, "another-key").getStatusCode().value())
                .as("a quote is executed once").isEqualTo(422);
        assertThat(bank.balance(erin, "USD")).isEqualByComparingTo("10.00");
    }

    @Test
    void an_expired_quote_or_another_customers_quote_is_refused_and_moves_nothing() {
        String frank = Bank.newCustomer();
        String grace = Bank.newCustomer();
        bank.openAccount(frank, "KRW", "300000");
        bank.openAccount(frank, "USD", "0");
        bank.openAccount(grace, "KRW", "300000");
        bank.openAccount(grace, "USD", "0");
        // Let the quote's validity pass without waiting for it: its expiry is set to the past. Another instance issues
        // it: the issuing one keeps its quotes in memory until they expire by its clock (QuoteJdbcStore), so only an
        // instance that reads the row sees the edit — this one does.
        ConfigurableApplicationContext issuer = bank.startSecondExchangeInstance();
        Object expired;
        try {
            expired = bank.customer(issuer, frank).post().uri("/api/v1/quotes").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("side", "BUY", "currency", "USD", "amount", "10.00")).retrieve().body(Bank.JSON)
                    .get("quoteId");
        } finally {
            issuer.close();
        }
        bank.exchangeJdbc().sql("UPDATE quote SET expires_at = :past WHERE id = :id")
                .param("past", Timestamp.from(Instant.now().minusSeconds(1))).param("id", UUID.fromString((String) expired))
                .update();

        assertThat(bank.exchange(frank, expired, "k1").getStatusCode().value()).isEqualTo(422);

        Object franksQuote = bank.quote(frank, "BUY", "USD", "10.00", null).get("quoteId");
        assertThat(bank.exchange(grace, franksQuote, "k1").getStatusCode().value()).isEqualTo(404);
        assertThat(bank.balance(frank, "KRW")).isEqualByComparingTo("300000");
        assertThat(bank.balance(grace, "KRW")).isEqualByComparingTo("300000");
    }

    @Test
    void nobody_sees_another_customers_exchanges() {
        String heidi = Bank.newCustomer();
        bank.openAccount(heidi, "KRW", "300000");
        bank.openAccount(heidi, "USD", "0");
        String id = (String) bank.exchange(heidi, bank.quote(heidi, "BUY", "USD", "5.00", null).get("quoteId"), "k1")
                .getBody().get("id");

        assertThat(bank.customer("mallory").get().uri("/api/v1/exchanges/{id}", id).retrieve().toBodilessEntity()
                .getStatusCode().value()).isEqualTo(404);
        assertThat(bank.customer("mallory").get().uri("/api/v1/exchanges").retrieve().body(Bank.JSON_LIST)).isEmpty();
        assertThat(bank.customer(heidi).get().uri("/api/v1/exchanges").retrieve().body(Bank.JSON_LIST))
                .extracting(e -> e.get("id")).containsExactly(id);
        assertThat(bank.customer(heidi).get().uri("/ops/v1/exchanges/attention").retrieve().toBodilessEntity()
                .getStatusCode().value()).as("operators only").isEqualTo(403);
        assertThat(bank.operator().get().uri("/ops/v1/exchanges/{id}", id).retrieve().toBodilessEntity()
                .getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void malformed_input_is_a_4xx_that_says_why_and_changes_nothing() {
        String ivan = Bank.newCustomer();
        bank.openAccount(ivan, "KRW", "300000");
        long exchangesBefore = count("exchange");
        long quotesBefore = count("quote");

        assertQuoteRefused(ivan, Map.of("side", "HOLD", "currency", "USD", "amount", "1"), 400, "side must be BUY or SELL");
        assertQuoteRefused(ivan, Map.of("side", "BUY", "currency", "USD", "amount", "1.005"), 400, "minor unit");
        assertQuoteRefused(ivan, Map.of("side", "BUY", "currency", "USD", "amount", "-1"), 400, "no sign");
        assertQuoteRefused(ivan, Map.of("side", "BUY", "currency", "USD", "amount", "0"), 400, "positive");
        assertQuoteRefused(ivan, Map.of("side", "BUY", "currency", "GBP", "amount", "1"), 400, "does not exchange GBP");
        assertQuoteRefused(ivan, Map.of("side", "BUY", "currency", "KRW", "amount", "1"), 400, "does not exchange KRW");
        assertQuoteRefused(ivan, Map.of("side", "BUY", "currency", "USD", "amount", "1", "amountCurrency", "EUR"), 400, "USD or KRW");
        assertQuoteRefused(ivan, Map.of("side", "BUY", "currency", "USD", "amount", "1000000"), 422,
                "the largest exchange is 50000.00 USD");
        assertQuoteRefused(ivan, Map.of("side", "BUY", "currency", "JPY", "amount", "1", "amountCurrency", "KRW"), 422,
                "the smallest exchange is 1000 KRW");
        assertQuoteRefused(ivan, Map.of("side", "BUY", "currency", "USD"), 400, "amount is required");

        Object quoteId = bank.quote(ivan, "BUY", "USD", "1.00", null).get("quoteId");
        ResponseEntity<Map<String, Object>> noKey = bank.exchange(ivan, quoteId, null);
        assertThat(noKey.getStatusCode().value()).isEqualTo(400);
        assertThat((String) noKey.getBody().get("detail")).contains("Idempotency-Key");
        assertThat(bank.exchange(ivan, "not-a-uuid", "k1").getStatusCode().value()).isEqualTo(400);
        assertThat(bank.exchange(ivan, UUID.randomUUID().toString(), "k1").getStatusCode().value()).isEqualTo(404);
        assertThat(bank.customer(ivan).post().uri("/api/v1/exchanges").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", "k2").body("{\"quoteId\":").retrieve().toBodilessEntity()
                .getStatusCode().value()).isEqualTo(400);

        assertThat(count("exchange")).isEqualTo(exchangesBefore);
        assertThat(count("quote")).isEqualTo(quotesBefore + 1);
        assertThat(bank.balance(ivan, "KRW")).isEqualByComparingTo(new BigDecimal("300000"));
    }

    @Test
    void the_api_is_described_by_openapi_for_anyone_to_read() {
        String api = RestClient.create(bank.exchangeUrl()).get().uri("/v3/api-docs")
                .retrieve().body(String.class);
        assertThat(api).contains("/api/v1/quotes", "/api/v1/exchanges/{id}", "/ops/v1/exchanges/attention",
                "/ops/v1/dead-letters/{topic}/{partition}/{offset}/replay");
    }

    @Test
    void the_saga_topics_and_the_alerts_topic_exist_and_a_dead_letter_twin_has_as_many_partitions() throws Exception {
        try (var admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bank.kafka.getBrokersAsString()))) {
            var topics = admin.describeTopics(List.of(
                            "krw-account.withdrawal-cancel.request", "fx-account.withdrawal-cancel.request",
                            "krw-account.withdrawal-cancel.response", "krw-account.withdrawal-cancel.response.DLT",
                            "fx-account.withdrawal-cancel.response", "fx-account.withdrawal-cancel.response.DLT",
                            "fxbank.alerts"))
                    .allTopicNames().get(10, TimeUnit.SECONDS);
            assertThat(topics.get("krw-account.withdrawal-cancel.response.DLT").partitions())
                    .hasSameSizeAs(topics.get("krw-account.withdrawal-cancel.response").partitions());
        }
    }

    private void assertQuoteRefused(String owner, Map<String, Object> body, int status, String reason) {
        ResponseEntity<Map<String, Object>> response = bank.customer(owner).post().uri("/api/v1/quotes")
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(Bank.JSON);
        assertThat(response.getStatusCode().value()).as("%s", body).isEqualTo(status);
        assertThat((String) response.getBody().get("detail")).as("%s", body).contains(reason);
    }

    private long count(String table) {
        return bank.exchangeJdbc().sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }
}
