package com.fxbank.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fxbank.messaging.Topics;
import com.fxbank.testsupport.PostgresTestDatabase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
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

/** The krw-account deployment over HTTP, on its own PostgreSQL database and the in-JVM broker. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + AccountServiceApplication.CONFIG_NAME)
@ActiveProfiles("krw-account")
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class AccountApiTest {

    static final PostgresTestDatabase database = PostgresTestDatabase.create("krw_account");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        database.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EmbeddedKafkaBroker broker;

    RestClient http;

    @BeforeEach
    void client() {
        http = RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .build();
    }

    @Test
    void a_customer_opens_one_account_per_currency_and_reads_it_back() {
        ResponseEntity<Map> opened = post(Map.of("owner", "alice", "currency", "KRW"));
        assertThat(opened.getStatusCode().value()).isEqualTo(201);
        String id = (String) opened.getBody().get("id");
        assertThat(opened.getHeaders().getLocation()).hasPath("/api/v1/accounts/" + id);
        assertThat(opened.getBody()).containsEntry("balance", "0").containsEntry("currency", "KRW");

        ResponseEntity<Map> again = post(Map.of("owner", "alice", "currency", "KRW"));
        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(again.getBody()).containsEntry("accountId", id);

        ResponseEntity<Map> read = http.get().uri("/api/v1/accounts/{id}", id).retrieve().toEntity(Map.class);
        assertThat(read.getStatusCode().value()).isEqualTo(200);
        assertThat(read.getBody()).containsEntry("owner", "alice").containsEntry("balance", "0");
        assertThat(accountCount()).isEqualTo(1);
    }

    @Test
    void bad_input_is_a_400_that_says_why_and_changes_nothing() {
        long before = accountCount();

        assertBadRequest(post(Map.of("owner", "bob", "currency", "USD")), "does not hold USD");
        assertBadRequest(post(Map.of("owner", "bob", "currency", "krw")), "ISO 4217");
        assertBadRequest(post(Map.of("owner", "bob with spaces", "currency", "KRW")), "owner must be");
        assertBadRequest(http.get().uri("/api/v1/accounts/not-a-uuid").retrieve().toEntity(Map.class), "must be a UUID");

        assertThat(accountCount()).isEqualTo(before);
    }

    @Test
    void the_ledger_declares_its_cancel_request_topic_and_a_dead_letter_twin_with_as_many_partitions() throws Exception {
        String requests = "krw-account.withdrawal-cancel.request";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(Set.of(requests, Topics.deadLetterOf(requests)))
                    .allTopicNames().get(10, TimeUnit.SECONDS);
            assertThat(topics.get(requests).partitions()).hasSize(3);
            assertThat(topics.get(Topics.deadLetterOf(requests)).partitions()).hasSize(3);
        }
    }

    private ResponseEntity<Map> post(Map<String, String> body) {
        return http.post().uri("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().toEntity(Map.class);
    }

    private static void assertBadRequest(ResponseEntity<Map> response, String reason) {
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat((String) response.getBody().get("detail")).contains(reason);
    }

    private long accountCount() {
        return jdbc.sql("SELECT count(*) FROM account").query(Long.class).single();
    }
}
