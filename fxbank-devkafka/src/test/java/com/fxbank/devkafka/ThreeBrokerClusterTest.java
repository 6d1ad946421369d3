package com.fxbank.devkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.fxbank.messaging.SeedKafkaSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three brokers, each its own JVM, and a topic with replication factor 3 and {@code min.insync.replicas=2}:
 * {@code acks=all} writes go on after the partition leader is killed with {@code kill -9}, are refused
 * (an error the producer sees, never a silent loss) when two brokers are down, and every acknowledged
 * write is still there, once, after the brokers come back on their kept data.
 */
class ThreeBrokerClusterTest {

    private static final String TOPIC = "fxbank.test.replicated";

    @TempDir
    static Path dir;

    static KafkaProcessCluster cluster;
    static Admin admin;

    @BeforeAll
    static void startCluster() {
        cluster = KafkaProcessCluster.start(KafkaTopology.onFreePorts(3, dir));
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
    }

    @AfterAll
    static void stopCluster() {
        if (admin != null) {
            admin.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void acks_all_writes_survive_the_leader_being_killed_and_are_refused_when_two_brokers_are_down() throws Exception {
        admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 3)
                .configs(Map.of("min.insync.replicas", "2")))).all().get(30, TimeUnit.SECONDS);
        List<String> acknowledged = new ArrayList<>();

        try (KafkaProducer<String, String> producer = seedProducer()) {
            acknowledged.addAll(sendAll(producer, "all-up", 20));

            int leader = partition().leader().id();
            cluster.node(leader).kill();
            await().atMost(Duration.ofSeconds(60)).until(() -> partition().isr().size() == 2);
            assertThat(partition().leader().id()).as("a new leader").isNotEqualTo(leader);

            acknowledged.addAll(sendAll(producer, "one-down", 20));

            TopicPartitionInfo afterFailover = partition();
            int secondVictim = afterFailover.isr().stream().mapToInt(n -> n.id())
                    .filter(id -> id != afterFailover.leader().id()).findFirst().orElseThrow();
            cluster.node(secondVictim).kill();
            await().atMost(Duration.ofSeconds(60)).until(() -> partition().isr().size() == 1);

            String refused = "two-down-" + UUID.randomUUID();
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(TOPIC, refused, refused)).get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfAny(NotEnoughReplicasException.class, TimeoutException.class);

            cluster.restart(leader);
            cluster.restart(secondVictim);
            await().atMost(Duration.ofSeconds(90)).until(() -> partition().isr().size() == 3);

            List<String> afterRecovery = sendAll(producer, "recovered", 5);
            acknowledged.addAll(afterRecovery);

            List<String> stored = readAll(acknowledged.size());
            assertThat(stored).as("every acknowledged write, once and in order; no refused one")
                    .containsExactlyElementsOf(acknowledged)
                    .doesNotContain(refused);
        }
    }

    private static List<String> sendAll(KafkaProducer<String, String> producer, String prefix, int count) throws Exception {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String value = prefix + "-" + i;
            producer.send(new ProducerRecord<>(TOPIC, "one-key", value)).get(60, TimeUnit.SECONDS);
            sent.add(value);
        }
        return sent;
    }

    private static TopicPartitionInfo partition() throws Exception {
        TopicDescription description = admin.describeTopics(Set.of(TOPIC)).allTopicNames().get(10, TimeUnit.SECONDS).get(TOPIC);
        return description.partitions().getFirst();
    }

    /** The seed's producer settings, with a delivery timeout a test can wait for (the seed's is 120 s). */
    private static KafkaProducer<String, String> seedProducer() {
        Map<String, Object> config = new HashMap<>(SeedKafkaSettings.producer());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        return new KafkaProducer<>(config);
    }

    private static List<String> readAll(int expected) {
        Map<String, Object> config = new HashMap<>(SeedKafkaSettings.consumer());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(TOPIC));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
                return values.size() >= expected;
            });
            // Anything beyond the expected count (a duplicate, a refused write) must show up too.
            consumer.poll(Duration.ofSeconds(2)).forEach(record -> values.add(record.value()));
        }
        return values;
    }
}
