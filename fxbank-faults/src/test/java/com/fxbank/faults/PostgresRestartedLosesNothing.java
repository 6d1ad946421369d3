package com.fxbank.faults;

import static com.fxbank.faults.Scenarios.ANSWERS;
import static com.fxbank.faults.Scenarios.settleAndAudit;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fxbank.audit.AuditReport;
import com.fxbank.faults.FaultBank.Customer;
import com.fxbank.faults.FaultReport.Scenario;

/**
 * Scenario 8: PostgreSQL (all three databases) is restarted under load with {@code pg_ctlcluster … restart}; the
 * services recover on their own: same processes, exchanges answered again, every exchange final.
 */
final class PostgresRestartedLosesNothing {

    private PostgresRestartedLosesNothing() {
    }

    static void run(FaultBank bank, Scenario scenario, List<String> restartCommand) {
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
}
