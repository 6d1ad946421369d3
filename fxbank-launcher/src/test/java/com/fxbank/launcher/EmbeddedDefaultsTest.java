package com.fxbank.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.fxbank.issuer.IssuerTokens;
import com.fxbank.messaging.Ledger;
import com.fxbank.messaging.MessageCodec;
import com.fxbank.messaging.WithdrawalCancelRequest;
import com.fxbank.messaging.WithdrawalCancelResponse;
import com.fxbank.security.Role;
import com.fxbank.testsupport.LedgerOperator;
import com.fxbank.testsupport.RawKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * The quick start: the real Kafka broker in-process and an H2 database per service, every service up,
 * every migration and statement portable to H2 (a refund through Kafka and the outbox runs the ledger's
 * and the relay's SQL there), and the data still there after a restart.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedDefaultsTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };

    @TempDir
    Path home;

    /** This bank's issuer: the tokens of one test's bank are no good at another's. */
    private IssuerTokens tokens;

    @Test
    void the_bank_runs_on_embedded_defaults_refunds_through_kafka_and_keeps_its_data_across_a_restart(CapturedOutput output) {
        LaunchSettings settings = LaunchSettings.onFreePorts(home);
        String exchangeId = UUID.randomUUID().toString();
        String accountId;
        try (RunningBank bank = RunningBank.start(settings)) {
            tokens = bank.tokens();
            for (int port : new int[] {settings.exchangePort(), settings.krwAccountPort(), settings.fxAccountPort()}) {
                assertThat(RestClient.create("http://127.0.0.1:" + port).get().uri("/readyz")
                        .retrieve().body(String.class)).contains("\"UP\"");
            }
            // Each service's log lines name it, also those of threads it started (issue 14): here its Kafka consumers'.
            for (String service : new String[] {"exchange-service", "krw-account", "fx-account"}) {
                await().atMost(Duration.ofSeconds(30)).until(() -> output.getOut().lines().anyMatch(line ->
                        line.contains(service + ": partitions assigned") && line.contains("[" + service + "]")));
            }
            // Each service of the one JVM has its own scrape, named for it (issue 14).
            for (String service : new String[] {"exchange-service", "krw-account", "fx-account"}) {
                assertThat(RestClient.create(bank.metricsUrl(service)).get().retrieve().body(String.class))
                        .contains("application=\"" + service + "\"");
            }
            RestClient fxOperator = http(settings.fxAccountPort(), Role.OPERATOR, "ops");
            accountId = LedgerOperator.at(settings.fxAccountPort(), tokens).openFunded("alice", "USD", "50.00");
            Map<String, Object> withdrawn = http(settings.fxAccountPort(), Role.SERVICE, "exchange-service").put()
                    .uri("/internal/v1/withdrawals/{id}", exchangeId).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("owner", "alice", "amount", "20.00", "currency", "USD")).retrieve().body(JSON);
            assertThat(withdrawn).containsEntry("state", "APPLIED");

            RawKafka kafka = new RawKafka(bank.bootstrapServers());
            MessageCodec codec = new MessageCodec();
            kafka.publish(Ledger.FX_ACCOUNT.withdrawalCancelRequestTopic(), exchangeId,
                    codec.encode(new WithdrawalCancelRequest(exchangeId)), Ledger.FX_ACCOUNT.withdrawalCancelResponseTopic());
            String reply = kafka.awaitRecords(Ledger.FX_ACCOUNT.withdrawalCancelResponseTopic(), exchangeId, 1).getFirst().value();
            assertThat(codec.decode(reply, WithdrawalCancelResponse.class).outcome())
                    .isEqualTo(WithdrawalCancelResponse.Outcome.REFUNDED);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    fxOperator.get().uri("/ops/v1/accounts/{id}", accountId).retrieve().body(JSON))
                    .containsEntry("balance", "50.00"));
        }

        try (RunningBank bank = RunningBank.start(settings)) {
            tokens = bank.tokens();
            Map<String, Object> read = http(settings.fxAccountPort(), Role.CUSTOMER, "alice").get()
                    .uri("/api/v1/accounts/{id}", accountId).retrieve().body(JSON);
            assertThat(read).containsEntry("owner", "alice").containsEntry("balance", "50.00");

            // A whole exchange on the embedded defaults: SELL 10.00 USD at 1373.1000 for 13,731 KRW.
            http(settings.krwAccountPort(), Role.OPERATOR, "ops").post().uri("/ops/v1/accounts")
                    .contentType(MediaType.APPLICATION_JSON).body(Map.of("owner", "alice", "currency", "KRW"))
                    .retrieve().toBodilessEntity();
            RestClient alice = http(settings.exchangePort(), Role.CUSTOMER, "alice");
            Map<String, Object> quote = alice.post().uri("/api/v1/quotes").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("side", "SELL", "currency", "USD", "amount", "10.00")).retrieve().body(JSON);
            Map<String, Object> exchanged = alice.post().uri("/api/v1/exchanges").contentType(MediaType.APPLICATION_JSON)
                    .header("Idempotency-Key", "first").body(Map.of("quoteId", quote.get("quoteId"))).retrieve().body(JSON);
            assertThat(exchanged).containsEntry("outcome", "COMPLETED");
            assertThat(http(settings.fxAccountPort(), Role.CUSTOMER, "alice").get().uri("/api/v1/accounts/{id}", accountId)
                    .retrieve().body(JSON)).containsEntry("balance", "40.00");
        }
    }

    private RestClient http(int port, Role role, String subject) {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultHeader("Authorization", "Bearer " + tokens.mint(subject, role)).build();
    }

}
