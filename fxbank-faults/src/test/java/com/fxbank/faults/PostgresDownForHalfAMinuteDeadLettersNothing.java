package com.fxbank.faults;

import static com.fxbank.faults.Scenarios.ANSWERS;
import static com.fxbank.faults.Scenarios.consumedTopics;
import static com.fxbank.faults.Scenarios.settleAndAudit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fxbank.audit.AuditReport;
import com.fxbank.faults.FaultBank.Customer;
import com.fxbank.faults.FaultReport.Scenario;
import com.fxbank.messaging.Topics;

/**
 * Scenario 10 (issue 13 b): PostgreSQL is stopped for half a minute under load, as a failover would take it away.
 * The seed's 3 × 1 s retries once sent every cancel and reply consumed meanwhile to its dead-letter topic after
 * 3 s, and those exchanges waited minutes and raised false alerts. Now the consumers wait for the database: not one
 * record is dead-lettered, and every exchange ends once it is back.
 */
final class PostgresDownForHalfAMinuteDeadLettersNothing {

    private PostgresDownForHalfAMinuteDeadLettersNothing() {
    }

    static void run(FaultBank bank, Scenario scenario, List<String> stop, List<String> start, Duration down) {
        KafkaLook kafka = new KafkaLook(bank.kafkaSettings());
        List<Customer> customers = bank.seed(scenario.prefix(), 2, 3, 3);
        long deadLettersBefore = deadLetters(kafka);
        CustomerLoad load = CustomerLoad.start(bank.exchange(), customers, 6);
        try (load) {
            load.awaitAnswered(40, ANSWERS);
            run(stop);
            scenario.fault("PostgreSQL stopped (" + String.join(" ", stop) + ") for " + down.toSeconds() + " s under load");
            await().pollDelay(down).atMost(down.plusSeconds(5)).until(() -> true); // the outage itself
            run(start);
            scenario.healed("PostgreSQL started again");
            load.awaitAnswered(40, ANSWERS);
        }
        AuditReport audit = settleAndAudit(bank, scenario, load);
        long deadLettered = deadLetters(kafka) - deadLettersBefore;
        scenario.fact(deadLettered + " records were dead-lettered on the four consumed topics' .DLT while the database "
                + "was away and after");
        assertThat(deadLettered).as("a database outage is not the records' fault").isZero();
        assertThat(audit.clean()).as(audit.render()).isTrue();
    }

    private static long deadLetters(KafkaLook kafka) {
        return consumedTopics().stream().mapToLong(topic -> kafka.written(Topics.deadLetterOf(topic))).sum();
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).inheritIO().start();
            assertThat(process.waitFor(120, TimeUnit.SECONDS) && process.exitValue() == 0).as(String.join(" ", command)).isTrue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
