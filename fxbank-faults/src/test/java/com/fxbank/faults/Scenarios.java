package com.fxbank.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fxbank.audit.AuditReport;
import com.fxbank.faults.FaultReport.Scenario;
import com.fxbank.messaging.Ledger;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What issue 6's fault scenarios share; each scenario is a class of its own, named for what it proves, and ends
 * with the money audit. The short suite and the full suite run the same code: only the bank (one broker and one
 * instance of each service, or the 3-broker cluster and two instances) and the number of rounds differ. Every
 * scenario writes its section of the fault report.
 */
final class Scenarios {

    /** Waits give up when nothing moved for this long, not after a fixed time (see {@link Progress}). */
    static final Duration SETTLE = Duration.ofMinutes(3);
    static final Duration ANSWERS = Duration.ofSeconds(120);

    private Scenarios() {
    }

    static AuditReport settleAndAudit(FaultBank bank, Scenario scenario, CustomerLoad load) {
        Duration settled = bank.awaitAllFinal(SETTLE);
        Duration sinceHealed = scenario.sinceHealed();
        AuditReport audit = bank.audit();
        scenario.finish(bank, load, sinceHealed, settled, audit);
        return audit;
    }

    static long countStates(FaultBank bank, String ownerPrefix, String state) {
        return bank.exchangeDb().sql("SELECT count(*) FROM exchange WHERE state = ? AND owner LIKE ?")
                .param(state).param(ownerPrefix + "-%").query(Long.class).single();
    }

    static String names(List<ServiceProcess> services) {
        return services.stream().map(ServiceProcess::name).collect(Collectors.joining(", "));
    }

    static Set<String> keys(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(ConsumerRecord::key).collect(Collectors.toCollection(HashSet::new));
    }

    static List<String> consumedTopics() {
        List<String> topics = new ArrayList<>();
        for (Ledger ledger : Ledger.values()) {
            topics.add(ledger.withdrawalCancelRequestTopic());
            topics.add(ledger.withdrawalCancelResponseTopic());
        }
        return topics;
    }
}
