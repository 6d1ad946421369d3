package com.fxbank.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fxbank.audit.AuditReport;
import com.fxbank.devkafka.KafkaNodeProcess;
import com.fxbank.faults.FaultBank.Customer;
import com.fxbank.faults.FaultReport.Scenario;
import com.fxbank.messaging.Ledger;
import com.fxbank.messaging.MessageCodec;
import com.fxbank.messaging.MessageHeaders;
import com.fxbank.messaging.SeedKafkaSettings;
import com.fxbank.messaging.Topics;
import com.fxbank.messaging.WithdrawalCancelRequest;
import com.fxbank.messaging.WithdrawalCancelResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.header.Header;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Issue 6's fault scenarios, each ending with the money audit. The short suite and the full suite run the
 * same code: only the bank (one broker and one instance of each service, or the 3-broker cluster and two
 * instances) and the number of rounds differ. Every scenario writes its section of the fault report.
 */
final class FaultScenarios {

    static final Duration SETTLE = Duration.ofMinutes(4);
    private static final Duration ANSWERS = Duration.ofSeconds(120);
    private static final MessageCodec CODEC = new MessageCodec();

    private FaultScenarios() {
    }

    /**
     * 1. R8: the account service that must refund is down when the refunds are asked for. fx-account dies
     * first, so deposits of the refusing customers get no answer and wait; then krw-account dies and
     * fx-account comes back: the re-sent deposits are refused and their cancels go to krw-account's topic
     * while no instance of it runs. Exchanges are answered all along; after krw-account starts, every
     * refund lands once.
     */
    static void accountServiceDownDuringCompensations(FaultBank bank, Scenario scenario) {
        KafkaLook kafka = new KafkaLook(bank.bootstrapServers());
        String krwRequests = Ledger.KRW_ACCOUNT.withdrawalCancelRequestTopic();
        List<Customer> customers = bank.seed(scenario.prefix(), 3, 5, 0);
        long cancelsWhileDown;
        long answeredWhileDown;
        CustomerLoad load = CustomerLoad.start(bank.exchange(), customers, 6);
        try (load) {
            load.awaitAnswered(30, ANSWERS);
            FaultBank.killAll(bank.fx());
            scenario.fault("kill -9 every fx-account instance: deposits get no answer");
            load.awaitAnswered(60, ANSWERS);
            long waiting = countStates(bank, scenario.prefix() + "-refused-buy", "DEPOSIT_UNKNOWN");
            FaultBank.killAll(bank.krw());
            scenario.fault("kill -9 every krw-account instance, with " + waiting + " refused-to-be deposits waiting");
            long requestsBefore = kafka.written(krwRequests);
            long answeredBefore = load.answered();
            FaultBank.startTogether(bank.fx());
            scenario.fault("fx-account started: the waiting deposits are sent again, refused, and their refunds "
                    + "asked of krw-account, which is down");
            await().atMost(ANSWERS).pollInterval(Duration.ofMillis(200))
                    .until(() -> countStates(bank, scenario.prefix() + "-refused-buy", "DEPOSIT_UNKNOWN") == 0);
            load.awaitAnswered(20, ANSWERS);
            cancelsWhileDown = kafka.written(krwRequests) - requestsBefore;
            answeredWhileDown = load.answered() - answeredBefore;
            FaultBank.startTogether(bank.krw());
            scenario.healed("krw-account started again");
            load.awaitAnswered(30, ANSWERS);
        }
        scenario.fact(cancelsWhileDown + " cancel requests were published to " + krwRequests
                + " while no krw-account instance ran; " + answeredWhileDown + " exchanges were answered meanwhile");
        AuditReport audit = settleAndAudit(bank, scenario, load);
        assertThat(cancelsWhileDown).as("refunds asked while krw-account was down").isPositive();
        assertThat(answeredWhileDown).as("exchanges answered while krw-account was down").isPositive();
        assertThat(countStates(bank, scenario.prefix() + "-refused-buy", "FAILED_REFUNDED"))
                .as("refused exchanges refunded").isPositive();
        assertThat(audit.clean()).as(audit.render()).isTrue();
    }

    /**
     * 2. B4: the exchange service is killed with -9 at random points of sagas under load, {@code rounds}
     * times (with several instances the last round kills them all); every exchange becomes final by itself.
     */
    static void exchangeServiceKilledMidSaga(FaultBank bank, Scenario scenario, int rounds) {
        List<Customer> customers = bank.seed(scenario.prefix(), 6, 2, 2);
        long unfinishedAtKills = 0;
        CustomerLoad load = CustomerLoad.start(bank.exchange(), customers, 8);
        try (load) {
            for (int round = 1; round <= rounds; round++) {
                load.awaitAnswered(ThreadLocalRandom.current().nextLong(30, 120), ANSWERS);
                List<ServiceProcess> victims = round == rounds && bank.exchange().size() > 1
                        ? bank.exchange() : List.of(bank.exchange().get((round - 1) % bank.exchange().size()));
                long unfinished = bank.unfinished();
                unfinishedAtKills += unfinished;
                FaultBank.killAll(victims);
                scenario.fault("kill -9 " + names(victims) + " with " + unfinished + " exchanges unfinished");
                FaultBank.startTogether(victims);
                scenario.healed(names(victims) + " started again");
            }
            load.awaitAnswered(50, ANSWERS);
        }
        long unknownOutcomes = bank.exchangeDb().sql("SELECT count(*) FROM exchange_history WHERE to_state IN "
                + "('WITHDRAWAL_UNKNOWN', 'DEPOSIT_UNKNOWN') AND exchange_id IN (SELECT id FROM exchange WHERE owner LIKE ?)")
                .param(scenario.prefix() + "-%").query(Long.class).single();
        scenario.fact(unfinishedAtKills + " exchanges were unfinished at the kills; " + load.failed()
                + " requests got no answer; " + unknownOutcomes + " ledger outcomes were unknown and re-checked");
        AuditReport audit = settleAndAudit(bank, scenario, load);
        assertThat(load.failed() + unknownOutcomes).as("the kills cut off requests or left outcomes unknown").isPositive();
        assertThat(audit.clean()).as(audit.render()).isTrue();
    }

    /**
     * 3. R6/R9: krw-account is killed with -9 while it consumes cancel requests, so that refunds it has
     * committed are not yet acknowledged to Kafka. Every customer's deposit is refused, a backlog of
     * cancels is built (fx-account down), and krw-account is killed as soon as the first of them is
     * refunded. The test reads what the kill left: refunds in the database whose request offset was not
     * committed. Those requests come again after the restart and refund nothing twice. Up to
     * {@code maxRounds} rounds until a kill hits that window.
     */
    static void accountServiceKilledBetweenCommitAndOffsetCommit(FaultBank bank, Scenario scenario, int maxRounds) {
        KafkaLook kafka = new KafkaLook(bank.bootstrapServers());
        List<Customer> customers = bank.seed(scenario.prefix(), 0, 6, 0);
        long committedNotAcknowledged = 0;
        CustomerLoad load = CustomerLoad.start(bank.exchange(), customers, 6);
        try (load; SingleConnectionDataSource krwDb = new SingleConnectionDataSource(bank.krwDatabase().jdbcUrl(),
                bank.krwDatabase().username(), bank.krwDatabase().password(), true)) {
            JdbcClient krwLedger = JdbcClient.create(krwDb);
            for (int round = 1; round <= maxRounds && committedNotAcknowledged == 0; round++) {
                load.awaitAnswered(20, ANSWERS);
                FaultBank.killAll(bank.fx());
                scenario.fault("round " + round + ": kill -9 every fx-account instance, refused-to-be deposits pile up unanswered");
                load.awaitAnswered(60, ANSWERS);
                long refundsBefore = refunds(krwLedger);
                // Kill a third of the way through the backlog, when the consumers are busiest.
                long backlog = countStates(bank, scenario.prefix(), "DEPOSIT_UNKNOWN");
                long killAfter = refundsBefore + Math.max(1, backlog / 3);
                CompletableFuture<Void> fxStarting = FaultBank.inBackground(() -> FaultBank.startTogether(bank.fx()));
                await().atMost(ANSWERS).pollInterval(Duration.ofMillis(2)).until(() -> refunds(krwLedger) >= killAfter);
                FaultBank.killAll(bank.krw());
                fxStarting.join();
                long refundsAtKill = refunds(krwLedger);
                committedNotAcknowledged = refundedButNotAcknowledged(bank, kafka, krwLedger);
                scenario.fault("round " + round + ": fx-account started, the cancels flowed; kill -9 every krw-account "
                        + "instance after its refund #" + (refundsAtKill - refundsBefore) + " of a backlog of " + backlog);
                scenario.fact("round " + round + ": " + committedNotAcknowledged
                        + " refunds were committed in krw-account's database whose cancel request offset was not yet committed");
                FaultBank.startTogether(bank.krw());
                scenario.healed("round " + round + ": krw-account started again; the unacknowledged requests come again");
            }
            load.awaitAnswered(30, ANSWERS);
        }
        AuditReport audit = settleAndAudit(bank, scenario, load);
        assertThat(committedNotAcknowledged).as("a kill between the refund's commit and the offset commit").isPositive();
        assertThat(audit.clean()).as(audit.render()).isTrue();
    }

    private static long refunds(JdbcClient ledger) {
        return ledger.sql("SELECT count(*) FROM ledger_entry WHERE kind = 'WITHDRAWAL_REFUND'").query(Long.class).single();
    }

    /** Refunded exchanges whose every cancel request lies beyond the offsets krw-account's group committed. */
    private static long refundedButNotAcknowledged(FaultBank bank, KafkaLook kafka, JdbcClient krwLedger) {
        String topic = Ledger.KRW_ACCOUNT.withdrawalCancelRequestTopic();
        Map<TopicPartition, Long> end = kafka.endOffsets(topic);
        Map<TopicPartition, Long> committed = kafka.committed(Ledger.KRW_ACCOUNT.id(), topic);
        Map<TopicPartition, Long> zero = end.keySet().stream().collect(Collectors.toMap(p -> p, p -> 0L));
        Map<TopicPartition, Long> acknowledgedUpTo = new HashMap<>(zero);
        acknowledgedUpTo.putAll(committed);
        Set<String> acknowledged = keys(kafka.read(zero, acknowledgedUpTo));
        Set<String> pending = keys(kafka.read(acknowledgedUpTo, end));
        pending.removeAll(acknowledged);
        Set<String> refunded = new HashSet<>(krwLedger.sql("SELECT reference FROM ledger_entry WHERE kind = 'WITHDRAWAL_REFUND'")
                .query(String.class).list());
        pending.retainAll(refunded);
        return pending.size();
    }

    private static Set<String> keys(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(ConsumerRecord::key).collect(Collectors.toCollection(HashSet::new));
    }

    /**
     * 4. The seed's weak spot (DESIGN B1): the whole Kafka cluster is down for longer than the producer's
     * {@code delivery.timeout.ms} while deposits are refused. Beside the bank, a plain {@code send()} with
     * the seed's producer settings sends one record for every cancel the bank asked for during the outage,
     * to a topic of its own: those it reports failed are the refunds the seed's design would have lost.
     * The bank's outbox delivers every one once Kafka is back.
     */
    static void kafkaDownLongerThanDeliveryTimeout(FaultBank bank, Scenario scenario, Duration outage) {
        KafkaLook kafka = new KafkaLook(bank.bootstrapServers());
        String probeTopic = "fault-probe.plain-send";
        kafka.createTopic(probeTopic, 3, bank.replicationFactor());
        Map<String, Object> probeSettings = new HashMap<>(SeedKafkaSettings.producer());
        probeSettings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bank.bootstrapServers());
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
                            .param(java.sql.Timestamp.from(down)).param(scenario.prefix() + "-%")
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
                    await().pollDelay(Duration.ofMillis(250)).until(() -> true);
                }
            });
            await().pollDelay(outage).atMost(outage.plusSeconds(5)).until(() -> true); // the outage itself
            probing.set(false);
            probe.join();
            bank.kafkaCluster().nodes().forEach(KafkaNodeProcess::start);
            bank.kafkaCluster().awaitBrokers(bank.kafkaCluster().topology().brokers().stream()
                    .map(com.fxbank.devkafka.KafkaNode::nodeId).collect(Collectors.toSet()));
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
        assertThat(audit.clean()).as(audit.render()).isTrue();
    }

    /**
     * 5. The broker leading most partitions of the cancel request topics is killed with -9 under load and
     * started again: writes go on through the new leaders (RF 3, min.insync.replicas 2), nothing is lost,
     * nothing applied twice, nothing dead-lettered.
     */
    static void partitionLeaderKilled(FaultBank bank, Scenario scenario) {
        KafkaLook kafka = new KafkaLook(bank.bootstrapServers());
        List<String> requestTopics = List.of(Ledger.KRW_ACCOUNT.withdrawalCancelRequestTopic(),
                Ledger.FX_ACCOUNT.withdrawalCancelRequestTopic());
        long deadBefore = deadLettered(kafka);
        List<Customer> customers = bank.seed(scenario.prefix(), 4, 3, 3);
        CustomerLoad load = CustomerLoad.start(bank.exchange(), customers, 8);
        try (load) {
            load.awaitAnswered(50, ANSWERS);
            Map<Integer, Long> led = requestTopics.stream().flatMap(t -> kafka.partitions(t).stream())
                    .collect(Collectors.groupingBy(p -> p.leader().id(), Collectors.counting()));
            int leader = led.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            bank.kafkaCluster().node(leader).kill();
            scenario.fault("kill -9 broker " + leader + ", leader of " + led.get(leader) + " of the "
                    + led.values().stream().mapToLong(Long::longValue).sum() + " request-topic partitions");
            // The controller moves leadership once the broker's session ended; until then the writes to its
            // partitions wait in the producers (acks=all, retries), and are not lost.
            await().atMost(ANSWERS).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() ->
                    requestTopics.stream().flatMap(t -> kafka.partitions(t).stream())
                            .allMatch(p -> p.leader() != null && p.leader().id() != leader));
            scenario.fact("leaders after the failover: " + leaders(kafka, requestTopics));
            long writtenBefore = requestTopics.stream().mapToLong(kafka::written).sum();
            load.awaitAnswered(150, ANSWERS);
            await().atMost(ANSWERS).pollInterval(Duration.ofMillis(500)).until(() ->
                    requestTopics.stream().mapToLong(kafka::written).sum() >= writtenBefore + 20);
            scenario.fact((requestTopics.stream().mapToLong(kafka::written).sum() - writtenBefore)
                    + " cancel requests written through the new leaders while broker " + leader + " was down");
            bank.kafkaCluster().restart(leader);
            scenario.healed("broker " + leader + " started again on its data");
            load.awaitAnswered(30, ANSWERS);
        }
        AuditReport audit = settleAndAudit(bank, scenario, load);
        long dead = deadLettered(kafka) - deadBefore;
        scenario.fact(dead + " records dead-lettered during the scenario");
        assertThat(dead).as("records dead-lettered").isZero();
        assertThat(audit.clean()).as(audit.render()).isTrue();
    }

    private static String leaders(KafkaLook kafka, List<String> topics) {
        return topics.stream().flatMap(t -> kafka.partitions(t).stream().map(p -> t + "-" + p.partition() + "→"
                + (p.leader() == null ? "none" : p.leader().id()))).collect(Collectors.joining(", "));
    }

    /**
     * 6. Raw producers inject, into every topic FxBank consumes, copies of the real records so far (each
     * twice, shuffled: duplicates out of order) and poison (not JSON, a wrong type, a key that is not the
     * exchange id, for requests no or a foreign reply topic), while customers go on exchanging. Duplicates
     * have one effect, every poison record lands in its topic's DLT, and no partition stalls: the groups
     * catch up (the audit checks their lag) and new exchanges keep completing.
     */
    static void duplicatesReorderedAndPoison(FaultBank bank, Scenario scenario) {
        KafkaLook kafka = new KafkaLook(bank.bootstrapServers());
        List<Customer> customers = bank.seed(scenario.prefix(), 2, 3, 3);
        Map<String, Set<String>> poisonKeys = new LinkedHashMap<>();
        Map<String, Long> realDeadBefore = new LinkedHashMap<>();
        CustomerLoad load = CustomerLoad.start(bank.exchange(), customers, 6);
        Map<String, Object> producerSettings = new HashMap<>(SeedKafkaSettings.producer());
        producerSettings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bank.bootstrapServers());
        try (load; KafkaProducer<String, String> raw = new KafkaProducer<>(producerSettings)) {
            load.awaitAnswered(80, ANSWERS);
            await().atMost(ANSWERS).until(() -> consumedTopics().stream().allMatch(t -> kafka.written(t) > 0));
            for (String topic : consumedTopics()) {
                realDeadBefore.put(topic, kafka.readAll(Topics.deadLetterOf(topic)).size() * 1L);
                List<ConsumerRecord<String, String>> real = kafka.readAll(topic);
                List<ConsumerRecord<String, String>> copies = new ArrayList<>(real.subList(Math.max(0, real.size() - 100), real.size()));
                copies.addAll(List.copyOf(copies));
                Collections.shuffle(copies);
                for (ConsumerRecord<String, String> copy : copies) {
                    ProducerRecord<String, String> again = new ProducerRecord<>(topic, copy.key(), copy.value());
                    for (Header header : copy.headers()) {
                        again.headers().add(header);
                    }
                    raw.send(again);
                }
                Set<String> poison = new HashSet<>();
                for (ProducerRecord<String, String> record : poisonFor(topic)) {
                    poison.add(record.key());
                    raw.send(record);
                }
                raw.flush();
                poisonKeys.put(topic, poison);
                scenario.fault("into " + topic + ": " + copies.size() + " copies of its last " + copies.size() / 2
                        + " real records, shuffled, and " + poison.size() + " poison records");
            }
            scenario.healed("injection done");
            load.awaitAnswered(80, ANSWERS);
            for (Map.Entry<String, Set<String>> topic : poisonKeys.entrySet()) {
                String dlt = Topics.deadLetterOf(topic.getKey());
                await().atMost(ANSWERS).pollInterval(Duration.ofSeconds(1))
                        .until(() -> keys(kafka.readAll(dlt)).containsAll(topic.getValue()));
                long realDead = kafka.readAll(dlt).stream().filter(r -> !topic.getValue().contains(r.key())).count()
                        - realDeadBefore.get(topic.getKey());
                scenario.fact(topic.getKey() + ": all " + topic.getValue().size() + " poison records in " + dlt
                        + ", " + realDead + " copies of real records there");
                assertThat(realDead).as("copies of real records dead-lettered from " + topic.getKey()).isZero();
            }
        }
        AuditReport audit = settleAndAudit(bank, scenario, load);
        assertThat(audit.clean()).as(audit.render()).isTrue();
    }

    private static List<String> consumedTopics() {
        List<String> topics = new ArrayList<>();
        for (Ledger ledger : Ledger.values()) {
            topics.add(ledger.withdrawalCancelRequestTopic());
            topics.add(ledger.withdrawalCancelResponseTopic());
        }
        return topics;
    }

    private static List<ProducerRecord<String, String>> poisonFor(String topic) {
        Ledger ledger = Ledger.fromId(topic.substring(0, topic.indexOf('.')));
        boolean request = topic.equals(ledger.withdrawalCancelRequestTopic());
        Function<String, Object> valid = id -> request ? new WithdrawalCancelRequest(id)
                : new WithdrawalCancelResponse(id, WithdrawalCancelResponse.Outcome.REFUNDED);
        List<ProducerRecord<String, String>> poison = new ArrayList<>();
        poison.add(new ProducerRecord<>(topic, poisonKey(), "{not json"));
        poison.add(new ProducerRecord<>(topic, poisonKey(), "{\"type\":\"NO_SUCH_MESSAGE\",\"version\":1,\"payload\":{}}"));
        poison.add(new ProducerRecord<>(topic, poisonKey(), CODEC.encode(valid.apply(UUID.randomUUID().toString()))));
        poison.forEach(record -> record.headers().add(MessageHeaders.REPLY_TOPIC,
                ledger.withdrawalCancelResponseTopic().getBytes(StandardCharsets.UTF_8)));
        if (request) {
            String id = UUID.randomUUID().toString();
            poison.add(new ProducerRecord<>(topic, id, CODEC.encode(new WithdrawalCancelRequest(id)))); // no reply topic
            String other = UUID.randomUUID().toString();
            ProducerRecord<String, String> foreign = new ProducerRecord<>(topic, other, CODEC.encode(new WithdrawalCancelRequest(other)));
            foreign.headers().add(MessageHeaders.REPLY_TOPIC, "somewhere.else".getBytes(StandardCharsets.UTF_8));
            poison.add(foreign);
        }
        return poison;
    }

    private static String poisonKey() {
        return "poison-" + UUID.randomUUID();
    }

    private static long deadLettered(KafkaLook kafka) {
        return consumedTopics().stream().mapToLong(t -> kafka.written(Topics.deadLetterOf(t))).sum();
    }

    /**
     * 7. Two instances of each service; one of each is killed with -9 at once. The survivors take over the
     * dead instances' partitions (after the group's session timeout) and their sagas (after the lease), and
     * every exchange becomes final before the dead instances are started again.
     */
    static void oneInstanceOfEachKilled(FaultBank bank, Scenario scenario) {
        KafkaLook kafka = new KafkaLook(bank.bootstrapServers());
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put(Ledger.KRW_ACCOUNT.id(), List.of(Ledger.KRW_ACCOUNT.withdrawalCancelRequestTopic()));
        groups.put(Ledger.FX_ACCOUNT.id(), List.of(Ledger.FX_ACCOUNT.withdrawalCancelRequestTopic()));
        groups.put("exchange-service", List.of(Ledger.KRW_ACCOUNT.withdrawalCancelResponseTopic(),
                Ledger.FX_ACCOUNT.withdrawalCancelResponseTopic()));
        Map<String, Integer> membersBefore = new HashMap<>();
        groups.keySet().forEach(group -> membersBefore.put(group, kafka.group(group).members().size()));
        List<Customer> customers = bank.seed(scenario.prefix(), 4, 3, 3);
        List<ServiceProcess> victims = List.of(bank.krw().getFirst(), bank.fx().getFirst(), bank.exchange().getFirst());
        int instances = bank.exchange().size();
        CustomerLoad load = CustomerLoad.start(bank.exchange(), customers, 8);
        try (load) {
            load.awaitAnswered(60, ANSWERS);
            long unfinished = bank.unfinished();
            FaultBank.killAll(victims);
            Instant killed = Instant.now();
            scenario.fault("kill -9 " + names(victims) + " with " + unfinished + " exchanges unfinished");
            load.awaitAnswered(100, ANSWERS);
            for (Map.Entry<String, List<String>> group : groups.entrySet()) {
                int expected = membersBefore.get(group.getKey()) / instances * (instances - 1);
                int partitions = group.getValue().stream().mapToInt(t -> kafka.partitions(t).size()).sum();
                await().atMost(ANSWERS).pollInterval(Duration.ofSeconds(1)).until(() ->
                        kafka.group(group.getKey()).members().size() == expected
                                && kafka.assigned(group.getKey(), group.getValue()).size() == partitions);
                scenario.fact("group " + group.getKey() + ": the survivors' " + expected + " consumers hold all "
                        + partitions + " partitions, " + Duration.between(killed, Instant.now()).toSeconds() + " s after the kill");
            }
            load.awaitAnswered(50, ANSWERS);
        }
        Duration settled = bank.awaitAllFinal(SETTLE);
        Duration sinceKill = scenario.sinceHealed();
        scenario.fact("every exchange final " + settled.toSeconds() + " s after the load stopped, with the killed instances still down");
        FaultBank.startTogether(victims);
        scenario.healed(names(victims) + " started again");
        AuditReport audit = bank.audit();
        scenario.finish(bank, load, sinceKill, settled, audit);
        assertThat(audit.clean()).as(audit.render()).isTrue();
    }

    /**
     * 8. PostgreSQL (all three databases) is restarted under load with {@code pg_ctlcluster … restart}; the
     * services recover on their own: same processes, exchanges answered again, every exchange final.
     */
    static void postgresRestarted(FaultBank bank, Scenario scenario, List<String> restartCommand) {
        List<Customer> customers = bank.seed(scenario.prefix(), 4, 2, 2);
        Map<String, Long> pids = new LinkedHashMap<>();
        bank.all().forEach(service -> pids.put(service.name(), service.pid()));
        CustomerLoad load = CustomerLoad.start(bank.exchange(), customers, 8);
        try (load) {
            load.awaitAnswered(60, ANSWERS);
            Instant from = Instant.now();
            Process restart = new ProcessBuilder(restartCommand).inheritIO().start();
            assertThat(restart.waitFor(120, TimeUnit.SECONDS) && restart.exitValue() == 0)
                    .as(String.join(" ", restartCommand)).isTrue();
            scenario.healed("PostgreSQL restarted (" + String.join(" ", restartCommand) + ", "
                    + Duration.between(from, Instant.now()).toMillis() + " ms)");
            load.awaitAnswered(100, ANSWERS);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        AuditReport audit = settleAndAudit(bank, scenario, load);
        bank.all().forEach(service -> assertThat(service.isAlive() && service.pid() == pids.get(service.name()))
                .as(service.name() + " still the same process").isTrue());
        scenario.fact("no service was restarted: the same " + pids.size() + " processes served before and after");
        assertThat(audit.clean()).as(audit.render()).isTrue();
    }

    private static AuditReport settleAndAudit(FaultBank bank, Scenario scenario, CustomerLoad load) {
        Duration settled = bank.awaitAllFinal(SETTLE);
        Duration sinceHealed = scenario.sinceHealed();
        AuditReport audit = bank.audit();
        scenario.finish(bank, load, sinceHealed, settled, audit);
        return audit;
    }

    private static long countStates(FaultBank bank, String ownerPrefix, String state) {
        return bank.exchangeDb().sql("SELECT count(*) FROM exchange WHERE state = ? AND owner LIKE ?")
                .param(state).param(ownerPrefix + "-%").query(Long.class).single();
    }

    private static String names(List<ServiceProcess> services) {
        return services.stream().map(ServiceProcess::name).collect(Collectors.joining(", "));
    }
}
