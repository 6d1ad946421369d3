package com.fxbank.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fxbank.messaging.MessageHeaders;
import com.fxbank.messaging.SeedKafkaSettings;
import com.fxbank.testsupport.PostgresTestDatabase;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

// A short lease, so that a row whose relay died is another relay's within the test.
@SpringBootTest(classes = OutboxTest.App.class, properties = "fxbank.outbox.lease=4s")
@EmbeddedKafka(partitions = 1, topics = OutboxTest.TOPIC, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class OutboxTest {

    static final String TOPIC = "fxbank.test.outbox";
    static final PostgresTestDatabase database = PostgresTestDatabase.create("outbox");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        database.register(registry);
    }

    @Autowired
    Outbox outbox;

    @Autowired
    OutboxRelay relay;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OutboxRows rows;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    OutboxProperties properties;

    @Test
    void a_message_written_in_a_committed_transaction_reaches_kafka_with_its_key_and_headers_and_is_marked_sent() {
        String key = UUID.randomUUID().toString();
        UUID id = transaction.execute(status ->
                outbox.enqueue(OutboxMessage.request(TOPIC, key, "{\"hello\":1}", "fxbank.test.replies")));

        ConsumerRecord<String, String> record = awaitRecord(key);
        assertThat(record.value()).isEqualTo("{\"hello\":1}");
        assertThat(header(record, MessageHeaders.REPLY_TOPIC)).isEqualTo("fxbank.test.replies");
        assertThat(header(record, MessageHeaders.MESSAGE_ID)).isEqualTo(id.toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.pending() == 0);
        // The row says where the record is: an operator finds it by partition and offset.
        var kept = jdbc.sql("SELECT kafka_partition, kafka_offset FROM outbox_message WHERE id = :id").param("id", id)
                .query((rs, n) -> List.of(rs.getLong("kafka_partition"), rs.getLong("kafka_offset"))).single();
        assertThat(kept).containsExactly((long) record.partition(), record.offset());
    }

    @Test
    void a_message_of_a_rolled_back_transaction_is_never_sent() {
        String rolledBack = UUID.randomUUID().toString();
        String committed = UUID.randomUUID().toString();
        transaction.executeWithoutResult(status -> {
            outbox.enqueue(OutboxMessage.of(TOPIC, rolledBack, "{}"));
            status.setRollbackOnly();
        });
        transaction.executeWithoutResult(status -> outbox.enqueue(OutboxMessage.of(TOPIC, committed, "{}")));

        List<ConsumerRecord<String, String>> seen = readUntil(committed);
        assertThat(seen).extracting(ConsumerRecord::key).doesNotContain(rolledBack);
    }

    @Test
    void a_message_sent_again_is_written_only_when_the_earlier_one_has_left_the_outbox() {
        String key = UUID.randomUUID().toString();
        Optional<UUID> whilePending = transaction.execute(status -> {
            outbox.enqueue(OutboxMessage.of(TOPIC, key, "{\"try\":1}"));
            return outbox.enqueueUnlessPending(OutboxMessage.of(TOPIC, key, "{\"try\":2}"));
        });
        assertThat(whilePending).as("a copy while the first is still unsent").isEmpty();
        awaitRecord(key);
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.pending() == 0);

        Optional<UUID> afterSent = transaction.execute(status ->
                outbox.enqueueUnlessPending(OutboxMessage.of(TOPIC, key, "{\"try\":3}")));
        assertThat(afterSent).as("sent again once the first reached Kafka").isPresent();
        assertThat(jdbc.sql("SELECT payload FROM outbox_message WHERE message_key = ? ORDER BY seq")
                .param(key).query(String.class).list()).containsExactly("{\"try\":1}", "{\"try\":3}");
    }

    /**
     * A row is written claimed by its instance's relay and handed to it after the commit, with no claim transaction. If
     * that instance dies between its commit and the hand-over, the row is not lost: it is claimed by its writer's relay
     * until one lease has passed, nobody else sends it meanwhile, and then another instance's relay does.
     */
    @Test
    void a_message_whose_instance_died_after_the_commit_is_sent_by_another_instance_once_its_claim_runs_out() {
        String key = UUID.randomUUID().toString();
        UUID id;
        try {
            id = transaction.execute(status -> {
                UUID written = outbox.enqueue(OutboxMessage.of(TOPIC, key, "{\"orphan\":1}"));
                relay.stop(); // the writing instance dies: its relay is never handed the row it claimed at birth
                return written;
            });
            var claim = jdbc.sql("SELECT claimed_by, claimed_until, sent_at FROM outbox_message WHERE id = :id")
                    .param("id", id)
                    .query((rs, n) -> new Object[] {rs.getString("claimed_by"), rs.getTimestamp("claimed_until"),
                            rs.getTimestamp("sent_at")})
                    .single();
            assertThat(claim[0]).as("claimed at birth by the writer's relay").isNotNull();
            assertThat(claim[2]).as("not sent").isNull();

            OutboxRelay otherInstance = new OutboxRelay(rows, transaction, kafka, Clock.systemUTC(), properties,
                    ObservationRegistry.NOOP);
            long leaseEnds = ((Timestamp) claim[1]).getTime();
            assertThat(otherInstance.relayBatch()).as("another relay while the writer's claim holds").isZero();
            await().atMost(Duration.ofSeconds(30)).until(() -> otherInstance.relayBatch() == 1);
            assertThat(System.currentTimeMillis()).as("sent once the claim ran out").isGreaterThanOrEqualTo(leaseEnds);
        } finally {
            relay.start();
        }
        assertThat(awaitRecord(key).value()).isEqualTo("{\"orphan\":1}");
        assertThat(jdbc.sql("SELECT sent_at IS NOT NULL FROM outbox_message WHERE id = :id").param("id", id)
                .query(Boolean.class).single()).as("marked sent by the other relay").isTrue();
    }

    @Test
    void writing_outside_a_transaction_is_refused() {
        assertThatThrownBy(() -> outbox.enqueue(OutboxMessage.of(TOPIC, "k", "{}")))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    private ConsumerRecord<String, String> awaitRecord(String key) {
        return readUntil(key).stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow();
    }

    private List<ConsumerRecord<String, String>> readUntil(String key) {
        Map<String, Object> config = new HashMap<>(SeedKafkaSettings.consumer());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "outbox-test-" + UUID.randomUUID());
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(TOPIC));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(r -> r.key().equals(key));
            });
        }
        return seen;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Configuration
    // A library's test, not a service: the token checks (which need an issuer) are not under test here.
    @EnableAutoConfiguration(excludeName = "com.fxbank.security.FxBankSecurityAutoConfiguration")
    static class App {
    }
}
