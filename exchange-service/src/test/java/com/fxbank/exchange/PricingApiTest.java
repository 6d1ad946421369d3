package com.fxbank.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fxbank.exchange.adapter.out.rates.EcbDocuments;
import com.fxbank.exchange.application.port.out.QuoteStore;
import com.fxbank.exchange.application.port.out.RateSource;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * Prices through the HTTP API: the review's arbitrage tried for real, amounts no server should compute with,
 * limits, and quotes priced on the ECB feed (served by a local HTTP server) or refused when it is stale or silent.
 */
class PricingApiTest {

    private final Bank bank = Bank.get();

    @Test
    void the_reviews_tiny_round_trips_are_refused_with_a_422_that_names_the_limit() {
        String mallory = Bank.newCustomer();
        bank.openAccount(mallory, "KRW", "100000");
        long quotesBefore = count("quote");

        assertRefused(bank.customer(mallory), Map.of("side", "BUY", "currency", "USD", "amount", "7", "amountCurrency", "KRW"),
                422, "the smallest exchange is 1000 KRW; this one is 7 KRW");
        assertRefused(bank.customer(mallory), Map.of("side", "SELL", "currency", "USD", "amount", "20", "amountCurrency", "KRW"),
                422, "the smallest exchange is 1000 KRW");
        assertRefused(bank.customer(mallory), Map.of("side", "BUY", "currency", "JPY", "amount", "5", "amountCurrency", "KRW"),
                422, "the smallest exchange is 1000 KRW");
        assertRefused(bank.customer(mallory), Map.of("side", "BUY", "currency", "USD", "amount", "0.01"),
                422, "the smallest exchange is 1.00 USD; this one is 0.01 USD");
        assertRefused(bank.customer(mallory), Map.of("side", "SELL", "currency", "JPY", "amount", "100000001", "amountCurrency", "KRW"),
                422, "the largest exchange is 100000000 KRW; this one is 100000001 KRW");

        assertThat(count("quote")).isEqualTo(quotesBefore);
    }

    /**
     * Every POST /quotes wrote a row that stayed for ever: one customer could fill the disk. Retention deletes the
     * expired quotes nobody exchanged (here with a cut-off two minutes ahead, so that the quotes just made count as
     * expired) and keeps every quote an exchange used.
     */
    @Test
    void quotes_nobody_exchanged_are_deleted_after_their_retention_and_exchanged_ones_stay() {
        String alice = Bank.newCustomer();
        bank.openAccount(alice, "KRW", "1000000");
        bank.openAccount(alice, "USD", "0");
        RestClient customer = bank.customer(alice);
        Map<String, Object> unused = quote(customer, Map.of("side", "BUY", "currency", "USD", "amount", "10.00"));
        Map<String, Object> used = quote(customer, Map.of("side", "BUY", "currency", "USD", "amount", "11.00"));
        ResponseEntity<Map<String, Object>> exchanged = customer.post().uri("/api/v1/exchanges")
                .contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", "k-" + UUID.randomUUID())
                .body(Map.of("quoteId", used.get("quoteId"))).retrieve().toEntity(Bank.JSON);
        assertThat(exchanged.getBody()).containsEntry("outcome", "COMPLETED");

        var quotes = bank.exchangeBean(QuoteStore.class);
        Instant cutoff = Instant.now().plusSeconds(120).truncatedTo(ChronoUnit.MILLIS);
        Instant from = quotes.retentionDoneUpTo();
        int deleted = quotes.deleteUnusedExpiredBetween(from, cutoff, 1000);
        quotes.retentionDoneUpTo(cutoff);

        assertThat(deleted).isGreaterThanOrEqualTo(1);
        assertThat(quoteRows(unused.get("quoteId"))).as("unused and expired").isZero();
        assertThat(quoteRows(used.get("quoteId"))).as("kept with its exchange").isOne();
        assertThat(quotes.retentionDoneUpTo()).as("the next run starts where this one stopped").isEqualTo(cutoff);
        quotes.retentionDoneUpTo(from);
        assertThat(quotes.retentionDoneUpTo()).as("never moves back").isEqualTo(cutoff);
    }

    private long quoteRows(Object quoteId) {
        return bank.exchangeJdbc().sql("SELECT count(*) FROM quote WHERE id = ?").param(UUID.fromString((String) quoteId))
                .query(Long.class).single();
    }

    /**
     * The review's round trips at one minor unit, on an instance whose minimums are one minor unit (so that
     * only the rounding rule stands between the customer and the arbitrage), repeated as a script would.
     */
    @Test
    void round_trips_at_one_minor_unit_never_gain_the_customer_anything() {
        ConfigurableApplicationContext lowLimits = bank.startExchangeInstance(
                "--fxbank.exchange.currencies.KRW.min=1", "--fxbank.exchange.currencies.USD.min=0.01",
                "--fxbank.exchange.currencies.JPY.min=1");
        try {
            String mallory = Bank.newCustomer();
            bank.openAccount(mallory, "KRW", "1000");
            bank.openAccount(mallory, "USD", "0");
            bank.openAccount(mallory, "JPY", "0");
            RestClient api = bank.customer(lowLimits, mallory);

            assertRefused(api, Map.of("side", "BUY", "currency", "USD", "amount", "7", "amountCurrency", "KRW"),
                    422, "less than one minor unit");
            assertRefused(api, Map.of("side", "BUY", "currency", "JPY", "amount", "5", "amountCurrency", "KRW"),
                    422, "less than one minor unit");
            for (int round = 0; round < 5; round++) {
                exchange(api, mallory, Map.of("side", "BUY", "currency", "USD", "amount", "0.01"));
                // 20 KRW to receive now costs 0.02 USD, more than she holds: sell what she bought instead.
                assertThat(quote(api, Map.of("side", "SELL", "currency", "USD", "amount", "20", "amountCurrency", "KRW")))
                        .containsEntry("youPay", Map.of("amount", "0.02", "currency", "USD"));
                exchange(api, mallory, Map.of("side", "SELL", "currency", "USD", "amount", "0.01"));
                exchange(api, mallory, Map.of("side", "BUY", "currency", "JPY", "amount", "1"));
                exchange(api, mallory, Map.of("side", "SELL", "currency", "JPY", "amount", "1"));
            }

            // Each USD round trip: pays 14, gets 13; each JPY one: pays 10, gets 9. Five of each: 10 KRW lost.
            assertThat(bank.balance(mallory, "KRW")).isEqualByComparingTo("990");
            assertThat(bank.balance(mallory, "USD")).isEqualByComparingTo("0");
            assertThat(bank.balance(mallory, "JPY")).isEqualByComparingTo("0");
        } finally {
            lowLimits.close();
        }
    }

    @Test
    void amounts_no_server_should_compute_with_are_a_short_400_and_change_nothing() {
        String mallory = Bank.newCustomer();
        bank.openAccount(mallory, "KRW", "100000");
        long quotesBefore = count("quote");
        String digits = "9".repeat(10_000);
        List<String> hostile = List.of("1e3000000", "\"1e3000000\"", "1e999999999", "1e-100000000", "1e-1000000000",
                "\"1E+5\"", digits, "\"" + digits + "\"", "0." + digits, "\"NaN\"", "NaN", "\"Infinity\"", "-Infinity",
                "-0", "\"-0\"", "-0.0", "\"0x10\"", "\" 100\"", "\"100.\"", "\".5\"", "\"1_000\"", "true", "{}",
                "[1]", "\"١٠٠\"");

        for (String amount : hostile) {
            long started = System.nanoTime();
            ResponseEntity<String> answer = bank.customer(mallory).post().uri("/api/v1/quotes")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{\"side\":\"BUY\",\"currency\":\"USD\",\"amount\":" + amount + "}")
                    .retrieve().toEntity(String.class);
            long millis = (System.nanoTime() - started) / 1_000_000;
            String shown = amount.length() > 30 ? amount.substring(0, 30) + "…" : amount;
            assertThat(answer.getStatusCode().value()).as(shown).isEqualTo(400);
            assertThat(answer.getBody()).as(shown).hasSizeLessThan(600);
            // Before the parser, 1e3000000 took 2.4 s of CPU and 1e-1000000000 ran out of memory: a second is
            // far above what any of these costs now, and far below what they cost then.
            assertThat(millis).as("milliseconds for %s", shown).isLessThan(1_000);
        }
        assertThat(count("quote")).isEqualTo(quotesBefore);
        assertThat(bank.balance(mallory, "KRW")).isEqualByComparingTo("100000");
    }

    @Test
    void quotes_are_priced_on_the_ecb_feed_with_its_date_and_refused_when_it_is_stale_or_silent() throws Exception {
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        String lastMonth = LocalDate.now(ZoneOffset.UTC).minusDays(30).toString();
        try (MockWebServer fresh = feed(document(yesterday));
             MockWebServer stale = feed(document(lastMonth));
             MockWebServer silent = new MockWebServer()) {
            silent.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return new MockResponse.Builder().code(500).build();
                }
            });
            silent.start();
            String erin = Bank.newCustomer();
            bank.openAccount(erin, "KRW", "1000000");
            bank.openAccount(erin, "USD", "0");

            ConfigurableApplicationContext onFresh = ecbInstance(fresh);
            try {
                Map<String, Object> quote = quote(bank.customer(onFresh, erin),
                        Map.of("side", "BUY", "currency", "USD", "amount", "100.00"));
                // 1455.73 / 1.0412 = 1398.127161 KRW per USD; plus 50 bp = 1405.117796805, rounded up: 1405.1178.
                assertThat(quote).containsEntry("rateSource", "ECB").containsEntry("midRate", "1398.127161")
                        .containsEntry("rate", "1405.1178").containsEntry("spreadBasisPoints", 50)
                        .containsEntry("youPay", Map.of("amount", "140512", "currency", "KRW"));
                assertThat((String) quote.get("rateAsOf")).startsWith(yesterday);
                assertThat(bank.exchange(erin, quote.get("quoteId"), "k-" + UUID.randomUUID()).getBody())
                        .containsEntry("outcome", "COMPLETED").containsEntry("rateSource", "ECB")
                        .containsEntry("midRate", "1398.127161");
            } finally {
                onFresh.close();
            }
            for (MockWebServer refused : List.of(stale, silent)) {
                ConfigurableApplicationContext instance = ecbInstance(refused);
                try {
                    long quotesBefore = count("quote");
                    ResponseEntity<Map<String, Object>> answer = bank.customer(instance, erin).post().uri("/api/v1/quotes")
                            .contentType(MediaType.APPLICATION_JSON)
                            .body(Map.of("side", "BUY", "currency", "USD", "amount", "100.00"))
                            .retrieve().toEntity(Bank.JSON);
                    assertThat(answer.getStatusCode().value()).isEqualTo(503);
                    assertThat((String) answer.getBody().get("detail"))
                            .contains(refused == stale ? "older than the 96 hours" : "no rates from the ECB feed");
                    assertThat(count("quote")).isEqualTo(quotesBefore);
                } finally {
                    instance.close();
                }
            }
        }
    }

    private ConfigurableApplicationContext ecbInstance(MockWebServer feed) {
        ConfigurableApplicationContext instance = bank.startExchangeInstance("--fxbank.exchange.rates.source=ecb",
                "--fxbank.exchange.rates.ecb.url=" + feed.url("/stats/eurofxref/eurofxref-daily.xml"),
                "--fxbank.exchange.rates.ecb.timeout=1s");
        // The first read is scheduled at start: wait until it has been answered (or failed) once.
        RateSource rates = instance.getBean(RateSource.class);
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> !rates.description().contains("no read has finished yet"));
        return instance;
    }

    private static MockWebServer feed(String document) throws Exception {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().addHeader("Content-Type", "text/xml").body(document).build();
            }
        });
        server.start();
        return server;
    }

    private static String document(String day) {
        return EcbDocuments.good(day);
    }

    private Map<String, Object> quote(RestClient api, Map<String, Object> body) {
        ResponseEntity<Map<String, Object>> answer = api.post().uri("/api/v1/quotes").contentType(MediaType.APPLICATION_JSON)
                .body(body).retrieve().toEntity(Bank.JSON);
        assertThat(answer.getStatusCode().value()).as("quote %s: %s", body, answer.getBody()).isEqualTo(201);
        return answer.getBody();
    }

    private void exchange(RestClient api, String owner, Map<String, Object> quoteBody) {
        Object quoteId = quote(api, quoteBody).get("quoteId");
        ResponseEntity<Map<String, Object>> answer = api.post().uri("/api/v1/exchanges").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", "k-" + UUID.randomUUID()).body(Map.of("quoteId", quoteId))
                .retrieve().toEntity(Bank.JSON);
        assertThat(answer.getBody()).as("%s of %s", quoteBody, owner).containsEntry("outcome", "COMPLETED");
    }

    private void assertRefused(RestClient api, Map<String, Object> body, int status, String detail) {
        ResponseEntity<Map<String, Object>> answer = api.post().uri("/api/v1/quotes").contentType(MediaType.APPLICATION_JSON)
                .body(body).retrieve().toEntity(Bank.JSON);
        assertThat(answer.getStatusCode().value()).as("%s", body).isEqualTo(status);
        assertThat((String) answer.getBody().get("detail")).as("%s", body).contains(detail);
    }

    private long count(String table) {
        return bank.exchangeJdbc().sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }
}
