package com.fxbank.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * R4 and R6 through the real in-JVM KRaft broker: a message sent with the seed's producer settings is
 * consumed, and its offset is committed only once the listener acknowledged it.
 */
@SpringBootTest(classes = SeedProducerAndManualAcknowledgementTest.App.class)
@EmbeddedKafka(partitions = 1, topics = SeedProducerAndManualAcknowledgementTest.TOPIC,
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class SeedProducerAndManualAcknowledgementTest {

    static final String TOPIC = "fxbank.test.manual-ack";
    static final String GROUP = "manual-ack-test";

    @Autowired
    KafkaTemplate<String, String> template;

    @Autowired
    ProducerFactory<String, String> producerFactory;

    @Autowired
    GatedListener listener;

    @Autowired
    EmbeddedKafkaBroker broker;

    @AfterEach
    void openGate() {
        listener.gate.countDown();
    }

    @Test
    void the_producer_runs_with_the_seed_settings_whatever_the_service_configured() {
        assertThat(producerFactory.getConfigurationProperties()).containsAllEntriesOf(SeedKafkaSettings.producer());
    }

    @Test
    void the_offset_is_committed_only_after_the_listener_acknowledged() throws Exception {
        String exchangeId = UUID.randomUUID().toString();
        String message = new MessageCodec().encode(new WithdrawalCancelRequest(exchangeId));

        template.send(TOPIC, exchangeId, message).get(10, TimeUnit.SECONDS);

        ConsumerRecord<String, String> received = listener.received.poll(30, TimeUnit.SECONDS);
        assertThat(received).isNotNull();
        assertThat(received.key()).isEqualTo(exchangeId);
        assertThat(new MessageCodec().decode(received.value(), WithdrawalCancelRequest.class).exchangeId())
                .isEqualTo(exchangeId);

        // The listener holds the record without acknowledging: nothing may be committed yet.
        assertThat(committedOffset()).isNull();

        listener.gate.countDown();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            OffsetAndMetadata committed = committedOffset();
            assertThat(committed).isNotNull();
            assertThat(committed.offset()).isEqualTo(received.offset() + 1);
        });
    }

    private OffsetAndMetadata committedOffset() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            return admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
                    .get(new TopicPartition(TOPIC, 0));
        }
    }

    static class GatedListener {
        final BlockingQueue<ConsumerRecord<String, String>> received = new LinkedBlockingQueue<>();
        final CountDownLatch gate = new CountDownLatch(1);

        @KafkaListener(topics = TOPIC, groupId = GROUP)
        void onMessage(ConsumerRecord<String, String> record, Acknowledgment ack) throws InterruptedException {
            received.add(record);
            gate.await(60, TimeUnit.SECONDS);
            ack.acknowledge();
        }
    }

    @Configuration
    // A library's test, not a service: the token checks (which need an issuer) are not under test here.
    @EnableAutoConfiguration(excludeName = "com.fxbank.security.FxBankSecurityAutoConfiguration")
    static class App {
        @Bean
        GatedListener gatedListener() {
            return new GatedListener();
        }
    }
}
