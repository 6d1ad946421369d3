package com.fxbank.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fxbank.messaging.SeedKafkaSettings;
import com.fxbank.outbox.OutboxParking.ParkedMessage;
import com.fxbank.testsupport.PostgresTestDatabase;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.SendResult;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The relay under the faults operations meet (issue 13): a row that can never be sent, old rows, a relay thread
 * hit by an Error. The broker here creates no topic by itself, as a bank's does not.
 */
@SpringBootTest(classes = OutboxFaultsTest.App.class, properties = {
        "fxbank.outbox.park-after=2", "fxbank.outbox.retry-first=200ms", "fxbank.outbox.retry-longest=1s"})
@EmbeddedKafka(partitions = 1, topics = OutboxFaultsTest.TOPIC, bootstrapServersProperty = "spring.kafka.bootstrap-servers",
        brokerProperties = "auto.create.topics.enable=false")
class OutboxFaultsTest {

    static final String TOPIC = "fxbank.test.outbox-faults";
    static final String GONE = "fxbank.test.deleted-topic";
    static final PostgresTestDatabase database = PostgresTestDatabase.create("outbox_faults");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        database.register(registry);
    }

    @Autowired
    Outbox outbox;

    @Autowired
    OutboxRelay relay;

    @Autowired
    OutboxRows rows;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProducerFactory<String, String> producers;

    @Autowired
    OutboxProperties properties;

    @Autowired
    OutboxParking parking;

    /** Once the relay sent the whole batch again and again while one row of it failed, and nothing after it. */
    @Test
    void a_row_that_can_never_be_sent_is_parked_while_every_other_row_reaches_kafka_once_and_is_sent_once_released() {
        String run = UUID.randomUUID().toString();
        String stuck = run + "-stuck";
        transaction.executeWithoutResult(status -> {
            outbox.enqueue(OutboxMessage.of(GONE, stuck, "{}"));
            for (int i = 0; i < 5; i++) {
                outbox.enqueue(OutboxMessage.of(TOPIC, run + "-a" + i, "{}"));
            }
        });
        transaction.executeWithoutResult(status -> {
            for (int i = 0; i < 5; i++) {
                outbox.enqueue(OutboxMessage.of(TOPIC, run + "-b" + i, "{}"));
            }
        });

        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "SELECT parked_at IS NOT NULL FROM outbox_message WHERE message_key = ?").param(stuck).query(Boolean.class).single());
        Map<String, Object> parked = jdbc.sql("SELECT attempts, last_error FROM outbox_message WHERE message_key = ?")
                .param(stuck).query().singleRow();
        assertThat((Integer) parked.get("attempts")).isEqualTo(2);
        assertThat((String) parked.get("last_error")).contains("UnknownTopicOrPartition");

        long seq = jdbc.sql("SELECT seq FROM outbox_message WHERE message_key = ?").param(stuck).query(Long.class).single();
        assertThat(parking.list(100)).anySatisfy(row -> {
            assertThat(row.seq()).isEqualTo(seq);
            assertThat(row.topic()).isEqualTo(GONE);
            assertThat(row.lastError()).contains("UnknownTopicOrPartition");
        });

        // The cause fixed (the topic created), an operator releases the row: it is sent once, and says who and why.
        broker.addTopics(GONE);
        Optional<ParkedMessage> released = transaction.execute(status ->
                parking.release(seq, Instant.now(), "ops-kim", "topic created, ticket 42"));
        Optional<ParkedMessage> again = transaction.execute(status -> parking.release(seq, Instant.now(), "ops-lee", "again"));
        assertThat(released).isPresent();
        assertThat(again).as("a second release finds nothing parked").isEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT sent_at IS NOT NULL FROM outbox_message WHERE seq = ?").param(seq).query(Boolean.class).single());
        assertThat(jdbc.sql("SELECT released_by, release_reason FROM outbox_message WHERE seq = ?").param(seq).query().singleRow())
                .containsEntry("released_by", "ops-kim").containsEntry("release_reason", "topic created, ticket 42");
        assertThat(readAll(GONE)).extracting(ConsumerRecord::key).containsOnlyOnce(stuck);
        assertThat(parking.list(100)).noneMatch(row -> row.seq() == seq);

        List<String> keys = readAll().stream().map(ConsumerRecord::key).filter(key -> key.startsWith(run)).toList();
        assertThat(keys).as("every other row once, none of them again").hasSize(10).doesNotHaveDuplicates();
        assertThat(jdbc.sql("SELECT count(*) FROM outbox_message WHERE message_key LIKE ? AND sent_at IS NOT NULL")
                .param(run + "-%").query(Long.class).single()).as("the ten, and the released one").isEqualTo(11);
    }

    @Test
    void sent_rows_older_than_the_retention_are_deleted_and_rows_still_to_send_stay() {
        String run = UUID.randomUUID().toString();
        transaction.executeWithoutResult(status -> {
            for (int i = 0; i < 3; i++) {
                outbox.enqueue(OutboxMessage.of(TOPIC, run + "-" + i, "{}"));
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM outbox_message WHERE message_key LIKE ? AND sent_at IS NOT NULL")
                .param(run + "-%").query(Long.class).single() == 3);
        long unsentBefore = relay.pending();

        assertThat(relay.deleteSentBefore(Instant.now().plusSeconds(60))).isGreaterThanOrEqualTo(3);

        assertThat(jdbc.sql("SELECT count(*) FROM outbox_message WHERE message_key LIKE ?").param(run + "-%")
                .query(Long.class).single()).isZero();
        assertThat(relay.pending()).isEqualTo(unsentBefore);
    }

    /**
     * An Error (here a simulated OutOfMemoryError, thrown by a stubbed template: a fault no test can cause for real)
     * once ended the relay thread for good while the service stayed UP; cancels then waited until a restart.
     */
    @Test
    void a_relay_hit_by_an_error_goes_on_and_sends() {
        relay.stop();
        AtomicBoolean first = new AtomicBoolean(true);
        KafkaTemplate<String, String> failingOnce = new KafkaTemplate<>(producers) {
            @Override
            public CompletableFuture<SendResult<String, String>> send(ProducerRecord<String, String> record) {
                if (first.getAndSet(false)) {
                    throw new OutOfMemoryError("simulated");
                }
                return super.send(record);
            }
        };
        OutboxRelay supervised = new OutboxRelay(rows, transaction, failingOnce, Clock.systemUTC(), properties,
                ObservationRegistry.NOOP);
        String key = UUID.randomUUID().toString();
        try {
            supervised.start();
            transaction.executeWithoutResult(status -> outbox.enqueue(OutboxMessage.of(TOPIC, key, "{}")));
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                    "SELECT sent_at IS NOT NULL FROM outbox_message WHERE message_key = ?").param(key).query(Boolean.class).single());
            assertThat(first).isFalse();
            assertThat(supervised.lastCrash()).contains("OutOfMemoryError");
            assertThat(supervised.isRelaying()).isTrue();
        } finally {
            supervised.stop();
            relay.start();
        }
        assertThat(readAll()).extracting(ConsumerRecord::key).contains(key);
    }

    private List<ConsumerRecord<String, String>> readAll() {
        return readAll(TOPIC);
    }

    private List<ConsumerRecord<String, String>> readAll(String topic) {
        Map<String, Object> config = new HashMap<>(SeedKafkaSettings.consumer());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "outbox-faults-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            // Reads until a poll returns nothing after the partition was assigned: the topic's whole content.
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                int before = seen.size();
                consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
                return !consumer.assignment().isEmpty() && seen.size() == before && !seen.isEmpty();
            });
        }
        return seen;
    }

    @Configuration
    // A library's test, not a service: the token checks (which need an issuer) are not under test here.
    @EnableAutoConfiguration(excludeName = "com.fxbank.security.FxBankSecurityAutoConfiguration")
    static class App {
    }
}
