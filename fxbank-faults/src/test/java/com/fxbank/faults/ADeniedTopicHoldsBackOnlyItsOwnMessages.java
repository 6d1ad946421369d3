package com.fxbank.faults;

import static com.fxbank.faults.Scenarios.ANSWERS;
import static com.fxbank.faults.Scenarios.countStates;
import static com.fxbank.faults.Scenarios.settleAndAudit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fxbank.audit.AuditReport;
import com.fxbank.devkafka.KafkaSecurity;
import com.fxbank.faults.FaultBank.Customer;
import com.fxbank.faults.FaultReport.Scenario;
import com.fxbank.messaging.Ledger;

/**
 * Scenario 9 (issue 13): a topic the outbox writes becomes unwritable — the exchange service's ACL on fx-account's
 * request topic is removed, as a broken ACL change would. Once, one row that could not be sent rolled back its whole
 * batch: every later cancel of the service waited, and the batch's acknowledged rows were sent again every few
 * seconds. Now the refunds of refused sells wait (and are parked after repeated failures) while the refunds of
 * refused buys go on; no record is written twice; once the ACL is back and the operator releases the parked rows,
 * every refund lands once.
 */
final class ADeniedTopicHoldsBackOnlyItsOwnMessages {

    private ADeniedTopicHoldsBackOnlyItsOwnMessages() {
    }

    static void run(FaultBank bank, Scenario scenario, Duration denied) {
        KafkaLook kafka = new KafkaLook(bank.kafkaSettings());
        String deniedTopic = Ledger.FX_ACCOUNT.withdrawalCancelRequestTopic();
        String flowingTopic = Ledger.KRW_ACCOUNT.withdrawalCancelRequestTopic();
        Instant started = Instant.now();
        long flowingBefore = kafka.written(flowingTopic);
        List<Customer> customers = bank.seed(scenario.prefix(), 2, 3, 3);
        String refusedBuys = scenario.prefix() + "-refused-buy";
        String refusedSells = scenario.prefix() + "-refused-sell";
        long buysRefundedWhileDenied;
        long deniedWrites;
        long sellsWaiting;
        int released;
        CustomerLoad load = CustomerLoad.start(bank.exchange(), customers, 6);
        try (load) {
            load.awaitAnswered(20, ANSWERS);
            kafka.denyWrites(KafkaSecurity.EXCHANGE_SERVICE, deniedTopic);
            scenario.fault("the exchange service's right to write " + deniedTopic + " removed: refunds of refused sells "
                    + "cannot leave the outbox");
            long deniedAtFault = kafka.written(deniedTopic);
            long buysRefundedAtFault = countStates(bank, refusedBuys, "FAILED_REFUNDED");
            await().pollDelay(denied).atMost(denied.plus(ANSWERS)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> countStates(bank, refusedBuys, "FAILED_REFUNDED") > buysRefundedAtFault);
            buysRefundedWhileDenied = countStates(bank, refusedBuys, "FAILED_REFUNDED") - buysRefundedAtFault;
            deniedWrites = kafka.written(deniedTopic) - deniedAtFault;
            sellsWaiting = countStates(bank, refusedSells, "CANCELING_WITHDRAWAL");
            kafka.allowWrites(KafkaSecurity.EXCHANGE_SERVICE, deniedTopic);
            // What the operator does once the cause is fixed: parked rows go again (the others retry by themselves).
            released = FaultBank.releaseParked(bank.exchange().getFirst(), "fault suite: the ACL is back");
            scenario.healed("the ACL restored; " + released + " parked outbox row(s) released");
            load.awaitAnswered(20, ANSWERS);
        }
        scenario.fact(buysRefundedWhileDenied + " refunds of refused buys landed through " + flowingTopic + " while "
                + deniedTopic + " was denied; " + deniedWrites + " records reached the denied topic; " + sellsWaiting
                + " refunds of refused sells waited in the outbox");
        AuditReport audit = settleAndAudit(bank, scenario, load);
        long rowsSent = bank.exchangeDb().sql("SELECT count(*) FROM outbox_message WHERE topic = ? AND created_at >= ?")
                .param(flowingTopic).param(Timestamp.from(started)).query(Long.class).single();
        long recordsWritten = kafka.written(flowingTopic) - flowingBefore;
        scenario.fact(rowsSent + " outbox rows for " + flowingTopic + ", " + recordsWritten
                + " records written to it: nothing was sent twice");
        assertThat(buysRefundedWhileDenied).as("other refunds flowed while one topic was denied").isPositive();
        assertThat(deniedWrites).as("nothing reached the denied topic").isZero();
        assertThat(sellsWaiting).as("refunds of refused sells waited").isPositive();
        assertThat(recordsWritten).as("each row sent once, no batch re-sent in a loop").isEqualTo(rowsSent);
        assertThat(countStates(bank, refusedSells, "FAILED_REFUNDED")).as("refused sells refunded in the end").isPositive();
        assertThat(audit.clean()).as(audit.render()).isTrue();
    }
}
