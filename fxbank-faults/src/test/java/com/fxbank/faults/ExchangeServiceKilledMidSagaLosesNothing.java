package com.fxbank.faults;

import static com.fxbank.faults.Scenarios.ANSWERS;
import static com.fxbank.faults.Scenarios.names;
import static com.fxbank.faults.Scenarios.settleAndAudit;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.fxbank.audit.AuditReport;
import com.fxbank.faults.FaultBank.Customer;
import com.fxbank.faults.FaultReport.Scenario;

/**
 * Scenario 2 (B4): the exchange service is killed with -9 at random points of sagas under load, {@code rounds}
 * times (with several instances the last round kills them all); every exchange becomes final by itself.
 */
final class ExchangeServiceKilledMidSagaLosesNothing {

    private ExchangeServiceKilledMidSagaLosesNothing() {
    }

    static void run(FaultBank bank, Scenario scenario, int rounds) {
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
}
