package com.fxbank.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fxbank.testsupport.PostgresTestDatabase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/** The exchange service comes up on its own PostgreSQL database and declares the saga's topics. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + ExchangeServiceApplication.CONFIG_NAME)
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class ExchangeServiceStartsTest {

    static final PostgresTestDatabase database = PostgresTestDatabase.create("exchange");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        database.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Test
    void it_is_healthy_and_the_saga_topics_and_their_dead_letter_twins_exist() throws Exception {
        String health = RestClient.create("http://127.0.0.1:" + port).get().uri("/actuator/health/readiness")
                .retrieve().body(String.class);
        assertThat(health).contains("\"status\":\"UP\"");

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            Set<String> topics = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            assertThat(topics).contains(
                    "krw-account.withdrawal-cancel.request", "fx-account.withdrawal-cancel.request",
                    "krw-account.withdrawal-cancel.response", "krw-account.withdrawal-cancel.response.DLT",
                    "fx-account.withdrawal-cancel.response", "fx-account.withdrawal-cancel.response.DLT");
        }
    }
}
