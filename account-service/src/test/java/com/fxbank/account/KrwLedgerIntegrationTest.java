package com.fxbank.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fxbank.messaging.MessageCodec;
import com.fxbank.messaging.WithdrawalCancelRequest;
import com.fxbank.security.Role;
import com.fxbank.issuer.IssuerTokens;
import com.fxbank.testsupport.DevelopmentTokens;
import com.fxbank.testsupport.LedgerOperator;
import com.fxbank.testsupport.PostgresTestDatabase;
import com.fxbank.testsupport.RawKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The krw-account deployment, running for real: over HTTP with real tokens, on its own PostgreSQL
 * database and the in-JVM Kafka broker. Subclasses share one running service; each test uses owners of
 * its own so tests never see each other's money.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + AccountServiceApplication.CONFIG_NAME, "management.server.port=0"})
@ActiveProfiles("krw-account")
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
abstract class KrwLedgerIntegrationTest {

    static final String REQUESTS = "krw-account.withdrawal-cancel.request";
    static final String RESPONSES = "krw-account.withdrawal-cancel.response";
    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };
    static final ParameterizedTypeReference<List<Map<String, Object>>> JSON_LIST = new ParameterizedTypeReference<>() { };

    static final PostgresTestDatabase database = PostgresTestDatabase.create("krw_account");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        database.register(registry);
        DevelopmentTokens.register(registry);
    }

    @LocalServerPort
    int port;

    final IssuerTokens tokens = DevelopmentTokens.issuer();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EmbeddedKafkaBroker broker;

    final MessageCodec codec = new MessageCodec();

    RestClient as(Role role, String subject) {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultHeader("Authorization", "Bearer " + tokens.mint(subject, role))
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .build();
    }

    RestClient service() {
        return as(Role.SERVICE, "exchange-service");
    }

    RestClient operator() {
        return as(Role.OPERATOR, "operator-1");
    }

    static String newOwner() {
        return "customer-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String newExchangeId() {
        return UUID.randomUUID().toString();
    }

    /** Opens the owner's KRW account and tops it up; returns the account id. */
    String openFundedAccount(String owner, long krw) {
        return LedgerOperator.at(port, tokens).openFunded(owner, "KRW", Long.toString(krw));
    }

    ResponseEntity<Map<String, Object>> withdraw(String exchangeId, String owner, long krw) {
        return step("withdrawals", exchangeId, owner, krw);
    }

    ResponseEntity<Map<String, Object>> deposit(String exchangeId, String owner, long krw) {
        return step("deposits", exchangeId, owner, krw);
    }

    private ResponseEntity<Map<String, Object>> step(String path, String exchangeId, String owner, long krw) {
        return service().put().uri("/internal/v1/" + path + "/{id}", exchangeId)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("owner", owner, "amount", krw, "currency", "KRW"))
                .retrieve().toEntity(JSON);
    }

    BigDecimal balance(String accountId) {
        return jdbc.sql("SELECT balance FROM account WHERE id = :id").param("id", UUID.fromString(accountId))
                .query(BigDecimal.class).single();
    }

    /** The money invariant for one account: its balance is the sum of its entries, and not negative. */
    void assertBalanceIsSumOfEntries(String accountId) {
        BigDecimal sum = jdbc.sql("SELECT COALESCE(SUM(amount), 0) FROM ledger_entry WHERE account_id = :id")
                .param("id", UUID.fromString(accountId)).query(BigDecimal.class).single();
        assertThat(balance(accountId)).isEqualByComparingTo(sum).isNotNegative();
    }

    /** Every trace an owner left in this ledger: entries of their accounts and saga steps in their name. */
    long rowsOf(String owner) {
        return jdbc.sql("""
                        SELECT (SELECT count(*) FROM ledger_entry e JOIN account a ON a.id = e.account_id WHERE a.owner = :owner)
                             + (SELECT count(*) FROM saga_operation WHERE owner = :owner)""")
                .param("owner", owner).query(Long.class).single();
    }

    long entries(String reference, String kind) {
        return jdbc.sql("SELECT count(*) FROM ledger_entry WHERE reference = :reference AND kind = :kind")
                .param("reference", reference).param("kind", kind).query(Long.class).single();
    }

    /** A cancel request as the exchange service (or anyone with a raw producer) would send it. */
    void publishCancel(String exchangeId) {
        publishRaw(exchangeId, codec.encode(new WithdrawalCancelRequest(exchangeId)), RESPONSES);
    }

    void publishRaw(String key, String value, String replyTopic) {
        new RawKafka(broker.getBrokersAsString()).publish(REQUESTS, key, value, replyTopic);
    }

    List<ConsumerRecord<String, String>> awaitRecords(String topic, String key, int count) {
        return new RawKafka(broker.getBrokersAsString()).awaitRecords(topic, key, count);
    }
}
