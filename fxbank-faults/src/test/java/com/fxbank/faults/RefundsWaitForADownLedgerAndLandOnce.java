package com.fxbank.faults;

import static com.fxbank.faults.Scenarios.ANSWERS;
import static com.fxbank.faults.Scenarios.countStates;
import static com.fxbank.faults.Scenarios.settleAndAudit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import com.fxbank.audit.AuditReport;
import com.fxbank.faults.FaultBank.Customer;
import com.fxbank.faults.FaultReport.Scenario;
import com.fxbank.messaging.Ledger;

/**
 * Scenario 1 (R8): the account service that must refund is down when the refunds are asked for. fx-account dies
 * first, so deposits of the refusing customers get no answer and wait; then krw-account dies and
 * fx-account comes back: the re-sent deposits are refused and their cancels go to krw-account's topic
 * while no instance of it runs. Exchanges are answered all along; after krw-account starts, every
 * refund lands once.
 */
final class RefundsWaitForADownLedgerAndLandOnce {

    private RefundsWaitForADownLedgerAndLandOnce() {
    }

    static void run(FaultBank bank, Scenario scenario) {
        KafkaLook kafka = new KafkaLook(bank.kafkaSettings());
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
}
