package com.fxbank.faults;

import static com.fxbank.faults.Scenarios.ANSWERS;
import static com.fxbank.faults.Scenarios.countStates;
import static com.fxbank.faults.Scenarios.keys;
import static com.fxbank.faults.Scenarios.settleAndAudit;
import static org.assertj.core.api.Assertions.assertThat;

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
 * committed are not yet acknowledged to Kafka. Every customer's deposit is refused, a backlog of cancels is built
 * (fx-account down), and as the cancels flow a debugger holds krw-account's consumer threads where they enter
 * {@code commitSync} — the batch's transaction committed, its offsets not ({@link CommitSyncBreakpoints}); at the
 * first such moment when the database holds refunds whose request offset the broker has not committed, every
 * krw-account instance is killed. Those requests come again after the restart and refund nothing twice.
 * (Timed from outside, such a kill hit the window only now and then once the ledger consumed its requests in batches:
 * a batch's offset commit follows its database commit by a millisecond or two.)
 */
final class RefundCommittedButNotAcknowledgedIsAppliedOnce {

    private RefundCommittedButNotAcknowledgedIsAppliedOnce() {
    }

    static void run(FaultBank bank, Scenario scenario) {
        KafkaLook kafka = new KafkaLook(bank.kafkaSettings());
        FaultBank.inParallel(bank.krw(), krw -> {
            krw.stop();
            krw.startWithDebugger();
        });
        scenario.fact("krw-account was restarted (gracefully) with a JDWP agent on a loopback port, for the debugger that "
                + "holds its consumer threads; its restart after the kill is without one");
        List<Customer> customers = bank.seed(scenario.prefix(), 0, 6, 0);
        long committedNotAcknowledged;
        CustomerLoad load = CustomerLoad.start(bank.exchange(), customers, 6);
        try (load; SingleConnectionDataSource krwDb = new SingleConnectionDataSource(bank.krwDatabase().jdbcUrl(),
                bank.krwDatabase().username(), bank.krwDatabase().password(), true)) {
            JdbcClient krwLedger = JdbcClient.create(krwDb);
            load.awaitAnswered(20, ANSWERS);
            FaultBank.killAll(bank.fx());
            scenario.fault("kill -9 every fx-account instance, refused-to-be deposits pile up unanswered");
            load.awaitAnswered(60, ANSWERS);
            long refundsBefore = refunds(krwLedger);
            long backlog = countStates(bank, scenario.prefix(), "DEPOSIT_UNKNOWN");
            long heldWith;
            try (CommitSyncBreakpoints commits = CommitSyncBreakpoints.attach(bank.krw())) {
                CompletableFuture<Void> fxStarting = FaultBank.inBackground(() -> FaultBank.startTogether(bank.fx()));
                heldWith = commits.awaitHeldWhile(() -> refundedButNotAcknowledged(bank, kafka, krwLedger), ANSWERS);
                FaultBank.killAll(bank.krw());
                fxStarting.join();
            }
            long refundsAtKill = refunds(krwLedger) - refundsBefore;
            // Read again once nothing can commit any more: what the restarted consumers will be given again.
            committedNotAcknowledged = refundedButNotAcknowledged(bank, kafka, krwLedger);
            scenario.fault("fx-account started, the cancels flowed; a krw-account consumer thread held where it enters "
                    + "commitSync with " + heldWith + " refunds committed and not acknowledged: kill -9 every krw-account "
                    + "instance there, after " + refundsAtKill + " refunds of a backlog of " + backlog);
            scenario.fact(committedNotAcknowledged
                    + " refunds were committed in krw-account's database whose cancel request offset was not yet committed");
            FaultBank.startTogether(bank.krw());
            scenario.healed("krw-account started again; the unacknowledged requests come again");
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
