package com.fxbank.faults;

import static com.fxbank.faults.Scenarios.ANSWERS;
import static com.fxbank.faults.Scenarios.consumedTopics;
import static com.fxbank.faults.Scenarios.settleAndAudit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fxbank.audit.AuditReport;
import com.fxbank.faults.FaultBank.Customer;
import com.fxbank.faults.FaultReport.Scenario;
import com.fxbank.messaging.Ledger;
import com.fxbank.messaging.Topics;

/**
 * Scenario 5: the broker leading most partitions of the cancel request topics is killed with -9 under load and
 * started again: writes go on through the new leaders (RF 3, min.insync.replicas 2), nothing is lost,
 * nothing applied twice, nothing dead-lettered.
 */
final class PartitionLeaderKilledLosesNoCancel {

    private PartitionLeaderKilledLosesNoCancel() {
    }

    static void run(FaultBank bank, Scenario scenario) {
        KafkaLook kafka = new KafkaLook(bank.kafkaSettings());
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

    private static long deadLettered(KafkaLook kafka) {
        return consumedTopics().stream().mapToLong(t -> kafka.written(Topics.deadLetterOf(t))).sum();
    }
}
