package com.fxbank.faults;

import static com.fxbank.faults.Scenarios.ANSWERS;
import static com.fxbank.faults.Scenarios.settleAndAudit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import com.fxbank.audit.AuditReport;
import com.fxbank.devkafka.KafkaNode;
import com.fxbank.devkafka.KafkaNodeProcess;
import com.fxbank.faults.FaultBank.Customer;
import com.fxbank.faults.FaultReport.Scenario;
import com.fxbank.messaging.SeedKafkaSettings;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Scenario 4, the seed's weak spot (DESIGN B1): the whole Kafka cluster is down for longer than the producer's
 * {@code delivery.timeout.ms} while deposits are refused. Beside the bank, a plain {@code send()} with
 * the seed's producer settings sends one record for every cancel the bank asked for during the outage,
 * to a topic of its own: those it reports failed are the refunds the seed's design would have lost.
 * The bank's outbox delivers every one once Kafka is back.
 */
final class CancelsOutliveAKafkaOutageLongerThanDeliveryTimeout {

    private CancelsOutliveAKafkaOutageLongerThanDeliveryTimeout() {
    }

    static void run(FaultBank bank, Scenario scenario, Duration outage) {
        // Issue 13 (c): the longest "idle in transaction" seen on the bank's databases while Kafka is down.
        AtomicLong idleInTransaction = new AtomicLong();
        KafkaLook kafka = new KafkaLook(bank.kafkaSettings());
        String probeTopic = "fault-probe.plain-send";
        kafka.createTopic(probeTopic, 3, bank.replicationFactor());
        Map<String, Object> probeSettings = new HashMap<>(SeedKafkaSettings.producer());
        probeSettings.putAll(bank.kafkaSettings());
        List<Customer> customers = bank.seed(scenario.prefix(), 2, 4, 2);
        AtomicLong plainSent = new AtomicLong();
        AtomicLong plainLost = new AtomicLong();
        AtomicLong plainDelivered = new AtomicLong();
        Set<String> canceledDuringOutage = Collections.synchronizedSet(new HashSet<>());
        // Three customers at a time: a 150 s outage still leaves thousands of refunds waiting.
        CustomerLoad load = CustomerLoad.start(bank.exchange(), customers, 3);
        try (load; KafkaProducer<String, String> plain = new KafkaProducer<>(probeSettings)) {
            plain.send(new ProducerRecord<>(probeTopic, "warm-up", "metadata")).get(60, TimeUnit.SECONDS);
            load.awaitAnswered(30, ANSWERS);
            Instant down = Instant.now();
            FaultBank.inParallel(bank.kafkaCluster().nodes(), KafkaNodeProcess::kill);
            scenario.fault("kill -9 the whole Kafka cluster (3 brokers and the controller) for " + outage.toSeconds()
                    + " s; delivery.timeout.ms is " + SeedKafkaSettings.producer().get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG));
            AtomicBoolean probing = new AtomicBoolean(true);
            JdbcClient exchanges = bank.exchangeDb();
            CompletableFuture<Void> probe = FaultBank.inBackground(() -> {
                while (probing.get()) {
                    List<String> canceled = exchanges.sql("""
                            SELECT DISTINCT h.exchange_id FROM exchange_history h JOIN exchange e ON e.id = h.exchange_id
                            WHERE h.to_state = 'CANCELING_WITHDRAWAL' AND h.at >= ? AND e.owner LIKE ?""")
                            .param(Timestamp.from(down)).param(scenario.prefix() + "-%")
                            .query(String.class).list();
                    for (String exchangeId : canceled) {
                        if (canceledDuringOutage.add(exchangeId)) {
                            plainSent.incrementAndGet();
                            // send() itself may block up to max.block.ms (60 s) without metadata, as it would in
                            // the seed's request thread: each on a thread of its own, so the probe keeps pace.
                            Thread.ofVirtual().start(() -> {
                                try {
                                    plain.send(new ProducerRecord<>(probeTopic, exchangeId, "cancel " + exchangeId),
                                            (metadata, e) -> (e == null ? plainDelivered : plainLost).incrementAndGet());
                                } catch (RuntimeException e) {
                                    plainLost.incrementAndGet();
                                }
                            });
                        }
                    }
                    idleInTransaction.accumulateAndGet(bank.longestIdleInTransactionMillis(), Math::max);
                    await().pollDelay(Duration.ofMillis(250)).until(() -> true);
                }
            });
            await().pollDelay(outage).atMost(outage.plusSeconds(5)).until(() -> true); // the outage itself
            probing.set(false);
            probe.join();
            bank.kafkaCluster().nodes().forEach(KafkaNodeProcess::start);
            bank.kafkaCluster().awaitBrokers(bank.kafkaCluster().topology().brokers().stream()
                    .map(KafkaNode::nodeId).collect(Collectors.toSet()));
            scenario.healed("the cluster started again on its data");
            await().atMost(Duration.ofMinutes(3)).until(() -> plainLost.get() + plainDelivered.get() == plainSent.get());
            load.awaitAnswered(30, ANSWERS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        AuditReport audit = settleAndAudit(bank, scenario, load);
        long refunded = canceledDuringOutage.isEmpty() ? 0 : bank.exchangeDb()
                .sql("SELECT count(*) FROM exchange WHERE state = 'FAILED_REFUNDED' AND CAST(id AS VARCHAR(36)) IN (:ids)")
                .param("ids", List.copyOf(canceledDuringOutage)).query(Long.class).single();
        scenario.fact(canceledDuringOutage.size() + " cancels were asked for while Kafka was down. A plain send() with the "
                + "seed's settings, one per cancel: " + plainLost.get() + " failed (delivery.timeout.ms expired) — refunds "
                + "the seed's design would have lost —, " + plainDelivered.get() + " were delivered after Kafka returned. "
                + "Through the outbox: " + refunded + " of the " + canceledDuringOutage.size() + " refunded, none lost.");
        assertThat(plainLost.get()).as("cancels a plain send() drops when Kafka is down longer than delivery.timeout.ms").isPositive();
        assertThat(refunded).as("every cancel asked for during the outage refunded").isEqualTo(canceledDuringOutage.size());
        scenario.fact("the longest a connection of the bank's databases stayed idle in transaction during the outage: "
                + idleInTransaction.get() + " ms (pg_stat_activity, read every 250 ms)");
        assertThat(idleInTransaction.get()).as("no transaction held open while Kafka is away").isLessThan(5_000);
        assertThat(audit.clean()).as(audit.render()).isTrue();
    }
}
