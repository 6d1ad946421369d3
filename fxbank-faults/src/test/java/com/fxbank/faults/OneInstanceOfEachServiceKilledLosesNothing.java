package com.fxbank.faults;

import static com.fxbank.faults.Scenarios.ANSWERS;
import static com.fxbank.faults.Scenarios.SETTLE;
import static com.fxbank.faults.Scenarios.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fxbank.audit.AuditReport;
import com.fxbank.faults.FaultBank.Customer;
import com.fxbank.faults.FaultReport.Scenario;
import com.fxbank.messaging.Ledger;

/**
 * Scenario 7: two instances of each service; one of each is killed with -9 at once. The survivors take over the
 * dead instances' partitions (after the group's session timeout) and their sagas (after the lease), and
 * every exchange becomes final before the dead instances are started again.
 */
final class OneInstanceOfEachServiceKilledLosesNothing {

    private OneInstanceOfEachServiceKilledLosesNothing() {
    }

    static void run(FaultBank bank, Scenario scenario) {
        KafkaLook kafka = new KafkaLook(bank.kafkaSettings());
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
}
