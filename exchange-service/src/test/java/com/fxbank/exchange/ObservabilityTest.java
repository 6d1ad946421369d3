package com.fxbank.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fxbank.messaging.Ledger;
import com.fxbank.messaging.MessageCodec;
import com.fxbank.messaging.Topics;
import com.fxbank.messaging.WithdrawalCancelResponse;
import com.fxbank.testsupport.PrometheusText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

/**
 * Issue 14: what an on-call engineer's Prometheus reads from each service after an exchange, a refund and a dead
 * letter — the counters and gauges with the right values, on the management port, without a token — and that every
 * metric the alert rules and the dashboard use is one the services really export.
 */
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityTest {

    private static final String KRW_RESPONSES = Ledger.KRW_ACCOUNT.withdrawalCancelResponseTopic();
    private final Bank bank = Bank.get();
    private final MessageCodec codec = new MessageCodec();

    @Test
    void prometheus_reads_the_exchanges_the_refunds_the_outbox_the_dead_letters_and_the_breakers(CapturedOutput output) {
        Map<String, String> deadLetters = Map.of("topic", Topics.deadLetterOf(KRW_RESPONSES));
        // The first reading of the Kafka gauges may not have happened yet (NaN until then): start from a real one.
        PrometheusText before = await().atMost(Duration.ofSeconds(30)).until(() -> PrometheusText.parse(bank.scrapeExchange()),
                scrape -> !Double.isNaN(scrape.sum("fxbank_kafka_dead_letters", deadLetters)));

        String dora = Bank.newCustomer();
        bank.openAccount(dora, "KRW", "1000000");
        bank.openAccount(dora, "USD", "0");
        assertThat(bank.exchange(dora, bank.quote(dora, "BUY", "USD", "10.00", null).get("quoteId"), "k1").getBody())
                .containsEntry("outcome", "COMPLETED");
        String erin = Bank.newCustomer();
        bank.openAccount(erin, "KRW", "1000000");
        bank.openAccount(erin, "USD", "0");
        bank.freeze(erin, "USD");
        String refunded = (String) bank.exchange(erin, bank.quote(erin, "BUY", "USD", "20.00", null).get("quoteId"), "k1")
                .getBody().get("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED_REFUNDED".equals(bank.read(erin, refunded).get("state")));
        String unknown = UUID.randomUUID().toString();
        bank.rawKafka.publish(KRW_RESPONSES, unknown,
                codec.encode(new WithdrawalCancelResponse(unknown, WithdrawalCancelResponse.Outcome.REFUNDED)), null);
        bank.rawKafka.awaitRecords(Topics.deadLetterOf(KRW_RESPONSES), unknown, 1);
        // Every dead letter is logged at WARN once it is in its DLT: topic, key and reason.
        await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().lines().anyMatch(line ->
                line.contains("WARN") && line.contains("dead-lettered " + KRW_RESPONSES) && line.contains("(key " + unknown + ")")
                        && line.contains("no exchange " + unknown)));

        Map<String, String> buyCompleted = Map.of("direction", "BUY", "outcome", "COMPLETED", "application", "exchange-service");
        Map<String, String> buyRefunded = Map.of("direction", "BUY", "outcome", "FAILED_REFUNDED");
        // The gauges read the database and Kafka on a schedule (500 ms here): waited for, never slept on.
        PrometheusText after = await().atMost(Duration.ofSeconds(30)).until(() -> PrometheusText.parse(bank.scrapeExchange()),
                scrape -> scrape.sum("fxbank_kafka_dead_letters", deadLetters)
                        >= before.sum("fxbank_kafka_dead_letters", deadLetters) + 1
                        && scrape.sum("fxbank_kafka_consumer_lag", Map.of("group", "exchange-service")) == 0);

        assertThat(after.sum("fxbank_exchanges_total", buyCompleted) - before.sum("fxbank_exchanges_total", buyCompleted))
                .isGreaterThanOrEqualTo(1);
        assertThat(after.sum("fxbank_exchanges_total", buyRefunded) - before.sum("fxbank_exchanges_total", buyRefunded))
                .isGreaterThanOrEqualTo(1);
        assertThat(after.sum("fxbank_exchange_duration_seconds_count", buyCompleted)
                - before.sum("fxbank_exchange_duration_seconds_count", buyCompleted)).isGreaterThanOrEqualTo(1);
        assertThat(after.sum("fxbank_refund_duration_seconds_count") - before.sum("fxbank_refund_duration_seconds_count"))
                .isGreaterThanOrEqualTo(1);
        assertThat(after.sum("fxbank_refund_duration_seconds_sum") - before.sum("fxbank_refund_duration_seconds_sum"))
                .as("a refund takes some time").isPositive();
        Map<String, String> refusedDeposit = Map.of("ledger", "fx-account", "step", "deposit", "outcome", "refused");
        assertThat(after.sum("fxbank_ledger_call_seconds_count", refusedDeposit)
                - before.sum("fxbank_ledger_call_seconds_count", refusedDeposit)).isGreaterThanOrEqualTo(1);
        Map<String, String> withdrawals = Map.of("ledger", "krw-account", "step", "withdrawal", "outcome", "applied");
        assertThat(after.sum("fxbank_ledger_call_seconds_count", withdrawals)
                - before.sum("fxbank_ledger_call_seconds_count", withdrawals)).isGreaterThanOrEqualTo(2);
        assertThat(after.matching("fxbank_exchanges_unfinished", Map.of())).extracting(s -> s.labels().get("state"))
                .contains("STARTED", "WITHDRAWN", "CANCELING_WITHDRAWAL", "DEPOSIT_UNKNOWN", "WITHDRAWAL_UNKNOWN");
        // Read from the database every 500 ms here: a number, never the NaN of a reading that failed (a text block's
        // stripped trailing space once made that query invalid SQL, and every one of these gauges NaN).
        assertThat(after.matching("fxbank_exchanges_unfinished", Map.of()))
                .allSatisfy(sample -> assertThat(sample.value()).isNotNaN().isGreaterThanOrEqualTo(0));
        assertThat(after.sum("fxbank_exchanges_attention")).isNotNaN().isGreaterThanOrEqualTo(0);
        assertThat(after.sum("fxbank_refunds_oldest_pending_age_seconds")).isNotNaN().isGreaterThanOrEqualTo(0);
        assertThat(after.sum("fxbank_outbox_pending")).isGreaterThanOrEqualTo(0);
        assertThat(after.has("fxbank_outbox_oldest_unsent_age_seconds")).isTrue();
        assertThat(after.sum("resilience4j_circuitbreaker_state", Map.of("name", "krw-account", "state", "closed"))).isGreaterThanOrEqualTo(1);
        assertThat(after.sum("http_server_requests_seconds_count", Map.of("uri", "/api/v1/exchanges", "method", "POST")))
                .isGreaterThanOrEqualTo(2);

        // The ledger that refunded: its outbox (the reply), its consumer group, the DLT of its requests.
        PrometheusText krw = await().atMost(Duration.ofSeconds(30)).until(() -> PrometheusText.parse(bank.scrapeLedger(Ledger.KRW_ACCOUNT)),
                scrape -> scrape.sum("fxbank_kafka_consumer_lag", Map.of("group", "krw-account")) == 0);
        assertThat(krw.matching("fxbank_kafka_dead_letters", Map.of("topic", "krw-account.withdrawal-cancel.request.DLT",
                "application", "krw-account"))).hasSize(1);
        assertThat(krw.has("fxbank_outbox_parked")).isTrue();
    }

    @Test
    void the_scrape_needs_no_token_on_the_management_port_and_stays_an_operators_on_the_public_one() {
        RestClient management = RestClient.builder().baseUrl("http://127.0.0.1:" + bank.exchangeManagementPort())
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { }).build();
        assertThat(management.get().uri("/actuator/prometheus").retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(200);
        assertThat(management.get().uri("/actuator/metrics").retrieve().toBodilessEntity().getStatusCode().value())
                .as("only the scrape is open there").isEqualTo(401);
        String info = management.get().uri("/actuator/info").retrieve().body(String.class);
        assertThat(info).contains("\"build\"", "\"artifact\":\"exchange-service\"");

        RestClient anonymous = RestClient.builder().baseUrl(bank.exchangeUrl())
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { }).build();
        assertThat(anonymous.get().uri("/actuator/prometheus").retrieve().toBodilessEntity().getStatusCode().value())
                .isIn(401, 404);
        assertThat(bank.customer(Bank.newCustomer()).get().uri("/actuator/prometheus").retrieve().toBodilessEntity()
                .getStatusCode().value()).isIn(403, 404);
        assertThat(anonymous.get().uri("/readyz").retrieve().body(String.class)).contains("UP");
    }

    // Deltas of counters are "at least what this test did": other tests' exchanges may still be finished by recovery
    // in the background of this shared bank while this one runs.

    /** A rule or a panel on a metric no service exports would never fire, or show an empty graph: caught here. */
    @Test
    void every_metric_the_alerts_and_the_dashboard_use_is_exported() throws IOException {
        Set<String> exported = new HashSet<>(PrometheusText.parse(bank.scrapeExchange()).names());
        exported.addAll(PrometheusText.parse(bank.scrapeLedger(Ledger.KRW_ACCOUNT)).names());
        exported.addAll(PrometheusText.parse(bank.scrapeLedger(Ledger.FX_ACCOUNT)).names());
        Set<String> used = new HashSet<>();
        for (Path file : new Path[] {Path.of("../ops/prometheus/fxbank-alerts.yml"), Path.of("../ops/grafana/fxbank-dashboard.json")}) {
            Matcher names = Pattern.compile("\\b((?:fxbank|resilience4j|http_server)_[a-z0-9_]+)").matcher(Files.readString(file));
            while (names.find()) {
                used.add(names.group(1));
            }
        }
        assertThat(used).isNotEmpty().allSatisfy(name -> assertThat(exported).as("exported series").contains(name));
    }
}
