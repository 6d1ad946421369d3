package com.fxbank.messaging;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A consumed topic created by someone else with more partitions than its {@code .DLT}: a failing record on a higher
 * partition could never be dead-lettered and would block its partition for good. The service refuses to start.
 */
class DeadLetterPartitionsCheckTest {

    static final String TOPIC = "fxbank.test.mismatched";
    static EmbeddedKafkaKraftBroker broker;

    @BeforeAll
    static void brokerWithMismatchedTopics() {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
        broker.addTopics(new NewTopic(TOPIC, 6, (short) 1), new NewTopic(Topics.deadLetterOf(TOPIC), 2, (short) 1));
    }

    @AfterAll
    static void stop() {
        broker.destroy();
    }

    @Test
    void a_consumed_topic_with_more_partitions_than_its_dead_letter_topic_refuses_to_start() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
                .run("--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(), "--fxbank.kafka.partitions=3"))
                .rootCause().hasMessageContaining("refusing to start: " + TOPIC + " has 6 partitions but "
                        + Topics.deadLetterOf(TOPIC) + " has 3")
                .hasMessageContaining("--partitions 6");
    }

    @Configuration
    // A library's test, not a service: the token checks (which need an issuer) are not under test here.
    @EnableAutoConfiguration(excludeName = "com.fxbank.security.FxBankSecurityAutoConfiguration")
    static class App {
        @Bean
        KafkaAdmin.NewTopics consumed(FxBankKafkaProperties kafka) {
            return TopicDeclarations.bean(new TopicDeclarations(kafka).consumed(TOPIC));
        }
    }
}
