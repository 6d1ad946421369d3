package com.fxbank.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import com.fxbank.audit.AuditReport;
import com.fxbank.audit.MoneyAudit;
import com.fxbank.security.Role;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * The bank's books, end to end on PostgreSQL and Kafka: after buys and sells in every currency it trades, a deposit
 * refused and refunded through Kafka, and the demo's top-ups, both ledgers balance (the audit), the positions
 * /ops/v1/positions reports are what the exchanges' quotes say, the spread is their sum, the gauges say the same, and
 * a customer's statement ends at their balance.
 */
class BooksEndToEndTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };
    private static final ParameterizedTypeReference<List<Map<String, Object>>> JSON_LIST = new ParameterizedTypeReference<>() { };

    @TempDir
    Path home;

    @Test
    void after_buys_sells_and_a_refund_the_books_balance_and_positions_and_spread_are_what_the_quotes_say() throws Exception {
        LaunchSettings settings = LaunchSettings.onFreePorts(home).onPostgres(Optional.of("jdbc:postgresql://127.0.0.1:5432"),
                "postgres", "", "books_" + UUID.randomUUID().toString().substring(0, 8) + "_");
        try (RunningBank bank = RunningBank.start(settings)) {
            DemoCustomers.seed(settings, bank.tokens());
            BankCalls calls = new BankCalls(settings, bank.tokens());
            List<String> completed = List.of(
                    calls.exchange("alice", "BUY", "USD", "100.00"), calls.exchange("alice", "SELL", "USD", "30.00"),
                    calls.exchange("alice", "BUY", "EUR", "50.00"), calls.exchange("alice", "SELL", "EUR", "20.00"),
                    calls.exchange("alice", "BUY", "JPY", "10000"), calls.exchange("alice", "SELL", "JPY", "5000"));
            RestClient fxOps = BankCalls.client(settings.fxAccountPort(), bank.tokens().mint("ops", Role.OPERATOR));
            String bobsUsd = (String) fxOps.get().uri("/ops/v1/accounts?owner=bob").retrieve().body(JSON_LIST).getFirst().get("id");
            fxOps.put().uri("/ops/v1/accounts/{id}/frozen", bobsUsd).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("frozen", true, "reason", "test: a frozen account refuses deposits")).retrieve().toBodilessEntity();
            String refunded = calls.exchange("bob", "BUY", "USD", "10.00");
            await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED_REFUNDED".equals(calls.read("bob", refunded).get("state")));

            // What the quotes say: a BUY brings the KRW paid into the desk and pays the currency out; a SELL the reverse.
            Map<String, BigDecimal> expected = new TreeMap<>();
            for (String id : completed) {
                Map<String, Object> exchange = calls.read("alice", id);
                assertThat(exchange).containsEntry("outcome", "COMPLETED");
                expected.merge(amount(exchange, "youPay").currency(), amount(exchange, "youPay").amount(), BigDecimal::add);
                expected.merge(amount(exchange, "youGet").currency(), amount(exchange, "youGet").amount().negate(), BigDecimal::add);
            }
            AuditReport audit = await().atMost(Duration.ofSeconds(30))
                    .until(() -> MoneyAudit.run(BankAudit.targetOf(settings, bank.bootstrapServers())), AuditReport::clean);
            assertThat(audit.facts()).anySatisfy(fact -> assertThat(fact).contains("COMPLETED=6", "FAILED_REFUNDED=1"));

            RestClient ops = client(settings.exchangePort(), bank.tokens().mint("desk", Role.OPERATOR));
            Map<String, Object> books = ops.get().uri("/ops/v1/positions").retrieve().body(JSON);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> positions = (List<Map<String, Object>>) books.get("positions");
            assertThat(positions).extracting(p -> p.get("currency")).containsExactly("EUR", "JPY", "KRW", "USD");
            for (Map<String, Object> position : positions) {
                String currency = (String) position.get("currency");
                BigDecimal amount = new BigDecimal((String) position.get("amount"));
                assertThat(amount).as(currency).isEqualByComparingTo(expected.get(currency))
                        .isEqualByComparingTo(audit.positions().get(currency));
                BigDecimal mid = new BigDecimal((String) position.get("midRate"));
                assertThat(new BigDecimal((String) position.get("valueKrw"))).as(currency)
                        .isEqualByComparingTo(amount.multiply(mid).setScale(0, RoundingMode.HALF_EVEN));
            }
            assertThat(expected.get("USD")).isEqualByComparingTo("-70.00"); // short 100, then 30 bought back
            BigDecimal spread = new BigDecimal((String) books.get("spreadEarnedKrw"));
            assertThat(spread).isPositive().isEqualByComparingTo(audit.spreadEarnedKrw());
            assertThat(books).containsEntry("completedExchanges", 6);

            // A period with no completed exchange earned nothing; a bad bound is a short 400; customers may not look.
            Map<String, Object> later = ops.get().uri("/ops/v1/positions?from={from}", Instant.now().toString()).retrieve().body(JSON);
            assertThat(new BigDecimal((String) later.get("spreadEarnedKrw"))).isZero();
            assertThat(later.get("positions")).isEqualTo(books.get("positions"));
            assertThat(status(ops, "/ops/v1/positions?to=yesterday")).isEqualTo(400);
            assertThat(status(ops, "/ops/v1/positions?from=-290000-01-01T00:00:00Z")).isEqualTo(400);
            assertThat(status(client(settings.exchangePort(), bank.tokens().mint("alice", Role.CUSTOMER)), "/ops/v1/positions"))
                    .isEqualTo(403);

            // The gauges say the same (refreshed every 10 s).
            await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
                String scrape = RestClient.create(bank.metricsUrl("exchange-service")).get().retrieve().body(String.class);
                assertThat(gauge(scrape, "fxbank_position", "currency=\"USD\"")).isEqualByComparingTo(expected.get("USD"));
                assertThat(gauge(scrape, "fxbank_spread_earned_krw", "").doubleValue())
                        .isCloseTo(spread.doubleValue(), Offset.offset(0.01));
                assertThat(gauge(scrape, "fxbank_position_limit", "currency=\"USD\"")).isEqualByComparingTo("2000000");
            });

            // alice's KRW statement over her whole history ends at her balance and reconciles.
            RestClient alice = client(settings.krwAccountPort(), bank.tokens().mint("alice", Role.CUSTOMER));
            String krwAccount = (String) alice.get().uri("/api/v1/accounts").retrieve().body(JSON_LIST).getFirst().get("id");
            Map<String, Object> statement = alice.get().uri("/api/v1/accounts/{id}/statement", krwAccount).retrieve().body(JSON);
            BigDecimal sum = new BigDecimal((String) statement.get("openingBalance"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> lines = (List<Map<String, Object>>) statement.get("entries");
            for (Map<String, Object> line : lines) {
                sum = sum.add(new BigDecimal((String) line.get("amount")));
            }
            assertThat(lines).hasSize(7); // the seed's top-up, three withdrawals, three deposits
            assertThat(sum).isEqualByComparingTo((String) statement.get("closingBalance"));
            BigDecimal balance = new BigDecimal((String) alice.get().uri("/api/v1/accounts/{id}", krwAccount).retrieve()
                    .body(JSON).get("balance"));
            assertThat(sum).isEqualByComparingTo(balance);
        }
    }

    private record Amount(BigDecimal amount, String currency) {
    }

    @SuppressWarnings("unchecked")
    private static Amount amount(Map<String, Object> exchange, String side) {
        Map<String, Object> amount = (Map<String, Object>) exchange.get(side);
        return new Amount(new BigDecimal((String) amount.get("amount")), (String) amount.get("currency"));
    }

    private static BigDecimal gauge(String scrape, String metric, String label) {
        return scrape.lines().filter(line -> line.startsWith(metric + "{") && line.contains(label)).findFirst()
                .map(line -> new BigDecimal(line.substring(line.lastIndexOf(' ') + 1).trim()))
                .orElseThrow(() -> new AssertionError(metric + " " + label + " not scraped"));
    }

    private static int status(RestClient client, String uri) {
        ResponseEntity<String> answer = client.get().uri(uri).retrieve().onStatus(HttpStatusCode::isError, (q, r) -> { })
                .toEntity(String.class);
        return answer.getStatusCode().value();
    }

    private static RestClient client(int port, String token) {
        return BankCalls.client(port, token);
    }
}
