package com.fxbank.faults;

import static com.fxbank.faults.Scenarios.ANSWERS;
import static com.fxbank.faults.Scenarios.countStates;
import static com.fxbank.faults.Scenarios.keys;
import static com.fxbank.faults.Scenarios.settleAndAudit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import com.fxbank.audit.AuditReport;
import com.fxbank.faults.FaultBank.Customer;
import com.fxbank.faults.FaultReport.Scenario;
import com.fxbank.messaging.Ledger;
import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Scenario 3 (R6/R9): krw-account is killed with -9 while it consumes cancel requests, so that refunds it has
 * committed are not yet acknowledged to Kafka. Every customer's deposit is refused, a backlog of
 * cancels is built (fx-account down), and krw-account is killed as soon as the first of them is
 * refunded. The test reads what the kill left: refunds in the database whose request offset was not
 * committed. Those requests come again after the restart and refund nothing twice. Up to
 * {@code maxRounds} rounds until a kill hits that window.
 */
final class RefundCommittedButNotAcknowledgedIsAppliedOnce {

    private RefundCommittedButNotAcknowledgedIsAppliedOnce() {
    }

    static void run(FaultBank bank, Scenario scenario, int maxRounds) {
        KafkaLook kafka = new KafkaLook(bank.kafkaSettings());
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
}
