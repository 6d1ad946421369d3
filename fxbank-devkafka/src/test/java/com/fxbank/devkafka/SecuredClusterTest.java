package com.fxbank.devkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.fxbank.messaging.Ledger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secured development cluster (SASL/SCRAM and ACLs, as the fault suite runs): a refund can be asked of krw-account
 * only by the exchange service. Once, anyone who reached the brokers could publish a cancel for their own completed
 * exchange and get the KRW back while keeping the dollars.
 */
class SecuredClusterTest {

    private static final String REQUESTS = Ledger.KRW_ACCOUNT.withdrawalCancelRequestTopic();
    private static final String REPLIES = Ledger.KRW_ACCOUNT.withdrawalCancelResponseTopic();

    @TempDir
    static Path dir;

    static KafkaProcessCluster cluster;
    static KafkaSecurity users;

    @BeforeAll
    static void startCluster() throws Exception {
        KafkaTopology topology = KafkaTopology.onFreePorts(1, dir).secured();
        cluster = KafkaProcessCluster.start(topology);
        users = topology.security().orElseThrow();
        Map<String, Object> admin = new HashMap<>(topology.adminSettings());
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        try (Admin operator = Admin.create(admin)) {
            operator.createTopics(List.of(new NewTopic(REQUESTS, 1, (short) 1), new NewTopic(REPLIES, 1, (short) 1)))
                    .all().get(60, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void only_the_exchange_service_may_ask_krw_account_for_a_refund() throws Exception {
        assertThat(send(as(KafkaSecurity.EXCHANGE_SERVICE), REQUESTS).partition()).isZero();

        assertThatThrownBy(() -> send(as(Ledger.KRW_ACCOUNT.id()), REQUESTS))
                .as("a ledger cannot ask itself for a refund").hasCauseInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> send(as(Ledger.FX_ACCOUNT.id()), REQUESTS))
                .as("nor can the other ledger").hasCauseInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void a_client_without_credentials_or_with_a_wrong_password_gets_nothing_in() {
        assertThatThrownBy(() -> send(Map.of(), REQUESTS)).as("no SASL at all")
                .satisfiesAnyOf(e -> assertThat(e).isInstanceOf(TimeoutException.class),
                        e -> assertThat(e).hasCauseInstanceOf(TimeoutException.class));
        Map<String, Object> guessed = new HashMap<>(users.clientSettings(KafkaSecurity.EXCHANGE_SERVICE));
        guessed.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"exchange-service\" password=\"guessed\";");
        assertThatThrownBy(() -> send(guessed, REQUESTS))
                .satisfiesAnyOf(e -> assertThat(e).isInstanceOf(SaslAuthenticationException.class),
                        e -> assertThat(e).hasCauseInstanceOf(SaslAuthenticationException.class));
    }

    @Test
    void each_ledger_writes_its_own_replies_and_the_exchange_service_cannot_forge_them() throws Exception {
        assertThat(send(as(Ledger.KRW_ACCOUNT.id()), REPLIES).partition()).isZero();
        assertThatThrownBy(() -> send(as(KafkaSecurity.EXCHANGE_SERVICE), REPLIES))
                .hasCauseInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> send(as(Ledger.FX_ACCOUNT.id()), REPLIES))
                .hasCauseInstanceOf(TopicAuthorizationException.class);
    }

    private static Map<String, Object> as(String user) {
        return users.clientSettings(user);
    }

    private static RecordMetadata send(Map<String, Object> security, String topic)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        Map<String, Object> settings = new HashMap<>(security);
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5000);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings)) {
            return producer.send(new ProducerRecord<>(topic, "exchange-id", "{\"exchangeId\":\"exchange-id\"}"))
                    .get(15, TimeUnit.SECONDS);
        }
    }
}
