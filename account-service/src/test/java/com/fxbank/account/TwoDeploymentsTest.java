package com.fxbank.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fxbank.messaging.Ledger;
import com.fxbank.messaging.MessageCodec;
import com.fxbank.messaging.WithdrawalCancelRequest;
import com.fxbank.messaging.WithdrawalCancelResponse;
import com.fxbank.security.Role;
import com.fxbank.issuer.IssuerTokens;
import com.fxbank.testsupport.DevelopmentTokens;
import com.fxbank.testsupport.PostgresTestDatabase;
import com.fxbank.testsupport.RawKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.web.client.RestClient;

/**
 * The same application started twice with different configuration, as krw-account and fx-account,
 * each on its own database; and fx-account stopped while cancels are published, then started again (R8).
 */
class TwoDeploymentsTest {

    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };
    static final PostgresTestDatabase krwDatabase = PostgresTestDatabase.create("krw_two");
    static final PostgresTestDatabase fxDatabase = PostgresTestDatabase.create("fx_two");
    static EmbeddedKafkaKraftBroker kafka;

    final IssuerTokens tokens = DevelopmentTokens.issuer();
    final MessageCodec codec = new MessageCodec();

    @BeforeAll
    static void startKafka() {
        kafka = new EmbeddedKafkaKraftBroker(1, 3);
        kafka.afterPropertiesSet();
    }

    @AfterAll
    static void stopKafka() {
        kafka.destroy();
    }

    @Test
    void krw_account_and_fx_account_run_side_by_side_from_one_codebase_each_with_its_currencies_and_topics() {
        try (ConfigurableApplicationContext krw = start("krw-account", krwDatabase);
             ConfigurableApplicationContext fx = start("fx-account", fxDatabase)) {
            String owner = "side-" + UUID.randomUUID().toString().substring(0, 8);
            assertThat(open(krw, owner, "KRW")).isEqualTo(201);
            assertThat(open(krw, owner, "USD")).isEqualTo(400);
            assertThat(open(fx, owner, "USD")).isEqualTo(201);
            assertThat(open(fx, owner, "JPY")).isEqualTo(201);
            assertThat(open(fx, owner, "KRW")).isEqualTo(400);

            String usdAccount = accountId(fx, owner, "USD");
            topUp(fx, usdAccount, "100.00", "USD");
            String exchangeId = UUID.randomUUID().toString();
            assertThat(withdraw(fx, exchangeId, owner, "25.50", "USD")).containsEntry("state", "APPLIED");

            publishCancel(Ledger.FX_ACCOUNT, exchangeId);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(balance(fx, usdAccount)).isEqualByComparingTo("100.00"));
            assertThat(jdbc(krw).sql("SELECT count(*) FROM saga_operation").query(Long.class).single())
                    .as("krw-account never saw fx-account's cancel").isZero();
        }
    }

    @Test
    void cancels_published_while_the_ledger_is_down_are_applied_once_when_it_is_back() {
        String owner = "down-" + UUID.randomUUID().toString().substring(0, 8);
        String usdAccount;
        List<String> exchanges = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString());
        try (ConfigurableApplicationContext fx = start("fx-account", fxDatabase)) {
            open(fx, owner, "USD");
            usdAccount = accountId(fx, owner, "USD");
            topUp(fx, usdAccount, "100.00", "USD");
            for (String exchangeId : exchanges) {
                assertThat(withdraw(fx, exchangeId, owner, "20.00", "USD")).containsEntry("state", "APPLIED");
            }
        }

        // fx-account is down: the cancels (one of them twice) wait in Kafka.
        for (String exchangeId : exchanges) {
            publishCancel(Ledger.FX_ACCOUNT, exchangeId);
        }
        publishCancel(Ledger.FX_ACCOUNT, exchanges.getFirst());

        try (ConfigurableApplicationContext fx = start("fx-account", fxDatabase)) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(balance(fx, usdAccount)).isEqualByComparingTo("100.00"));
            RawKafka raw = new RawKafka(kafka.getBrokersAsString());
            for (String exchangeId : exchanges) {
                ConsumerRecord<String, String> reply = raw.awaitRecords(Ledger.FX_ACCOUNT.withdrawalCancelResponseTopic(),
                        exchangeId, 1).getFirst();
                assertThat(codec.decode(reply.value(), WithdrawalCancelResponse.class).outcome())
                        .isEqualTo(WithdrawalCancelResponse.Outcome.REFUNDED);
            }
            assertThat(jdbc(fx).sql("SELECT count(*) FROM ledger_entry WHERE kind = 'WITHDRAWAL_REFUND' AND account_id = :id")
                    .param("id", UUID.fromString(usdAccount)).query(Long.class).single()).isEqualTo(3);
        }
    }

    private ConfigurableApplicationContext start(String profile, PostgresTestDatabase database) {
        return AccountServiceApplication.application().run(
                "--spring.profiles.active=" + profile,
                "--server.port=0",
                "--management.server.port=0",
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--spring.kafka.bootstrap-servers=" + kafka.getBrokersAsString(),
                "--fxbank.security.issuer-uri=" + DevelopmentTokens.issuerUri());
    }

    private void publishCancel(Ledger ledger, String exchangeId) {
        new RawKafka(kafka.getBrokersAsString()).publish(ledger.withdrawalCancelRequestTopic(), exchangeId,
                codec.encode(new WithdrawalCancelRequest(exchangeId)), ledger.withdrawalCancelResponseTopic());
    }

    private RestClient http(ConfigurableApplicationContext service, Role role) {
        return RestClient.builder()
                .baseUrl("http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port"))
                .defaultHeader("Authorization", "Bearer " + tokens.mint(role == Role.SERVICE ? "exchange-service" : "ops", role))
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .build();
    }

    private int open(ConfigurableApplicationContext service, String owner, String currency) {
        return http(service, Role.OPERATOR).post().uri("/ops/v1/accounts").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("owner", owner, "currency", currency)).retrieve().toBodilessEntity().getStatusCode().value();
    }

    private String accountId(ConfigurableApplicationContext service, String owner, String currency) {
        return jdbc(service).sql("SELECT id FROM account WHERE owner = :owner AND currency = :currency")
                .param("owner", owner).param("currency", currency).query(UUID.class).single().toString();
    }

    private void topUp(ConfigurableApplicationContext service, String accountId, String amount, String currency) {
        assertThat(http(service, Role.OPERATOR).post().uri("/ops/v1/accounts/{id}/top-ups", accountId)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("amount", amount, "currency", currency, "reference", "seed-" + UUID.randomUUID()))
                .retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(201);
    }

    private Map<String, Object> withdraw(ConfigurableApplicationContext service, String exchangeId, String owner,
                                         String amount, String currency) {
        return http(service, Role.SERVICE).put().uri("/internal/v1/withdrawals/{id}", exchangeId)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("owner", owner, "amount", amount, "currency", currency)).retrieve().toEntity(JSON).getBody();
    }

    private static BigDecimal balance(ConfigurableApplicationContext service, String accountId) {
        return jdbc(service).sql("SELECT balance FROM account WHERE id = :id").param("id", UUID.fromString(accountId))
                .query(BigDecimal.class).single();
    }

    private static JdbcClient jdbc(ConfigurableApplicationContext service) {
        return service.getBean(JdbcClient.class);
    }
}
