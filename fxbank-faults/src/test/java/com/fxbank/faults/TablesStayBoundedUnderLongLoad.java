package com.fxbank.faults;

import static com.fxbank.faults.Scenarios.settleAndAudit;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.fxbank.audit.AuditReport;
import com.fxbank.faults.FaultBank.Customer;
import com.fxbank.faults.FaultReport.Scenario;
import com.fxbank.messaging.Ledger;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 13 (d): a long run of load — refused deposits (so refunds, so outbox rows on all three services) and customers
 * who ask for a quote and walk away — and the outbox and quote tables stay bounded: no sent row and no unused quote
 * outlives its retention by more than two retention intervals, and the row counts stop growing once the retention
 * horizon is reached. Every minute the scenario reads each table's rows and bytes; the report shows them.
 */
final class TablesStayBoundedUnderLongLoad {

    /** Retention runs once a minute; a row may outlive its retention by that, and by the run's own length. */
    private static final Duration SLACK = Duration.ofMinutes(2);
    private static final Duration SAMPLE_EVERY = Duration.ofMinutes(1);

    private TablesStayBoundedUnderLongLoad() {
    }

    record Sample(Duration at, long outboxRows, long unusedQuotes, long quoteRows, long bytes, long staleOutbox,
                  long staleQuotes, long answered) {
    }

    static void run(FaultBank bank, Scenario scenario, Duration soak) {
        Duration retention = FaultBank.RETENTION;
        List<Customer> customers = bank.seed(scenario.prefix(), 4, 2, 2);
        List<Sample> samples = new ArrayList<>();
        int missedSamples = 0;
        Instant started = Instant.now();
        CustomerLoad load = CustomerLoad.start(bank.exchange(), customers, 6, 0.3);
        try (load) {
            scenario.fault("customers exchange for " + soak.toMinutes() + " min (3 rounds in 10 only ask for a quote); "
                    + "sent outbox rows and unused quotes are kept " + retention.toMinutes() + " min");
            Instant end = started.plus(soak);
            while (Instant.now().isBefore(end)) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(Math.min(SAMPLE_EVERY.toMillis(),
                        Math.max(1, Duration.between(Instant.now(), end).toMillis()))));
                try {
                    samples.add(sample(bank, Duration.between(started, Instant.now()), retention, load.answered()));
                } catch (DataAccessException missed) {
                    // A reading the database refused (its connections all taken) is a missed sample, as a monitoring
                    // system misses a scrape: said in the report, not a verdict on the tables.
                    missedSamples++;
                }
            }
            scenario.healed("load stopped after " + load.answered() + " answered exchanges and quotes"
                    + (missedSamples == 0 ? "" : "; " + missedSamples + " minute reading(s) missed (database busy)"));
        }
        AuditReport audit = settleAndAudit(bank, scenario, load);

        StringBuilder table = new StringBuilder("rows and bytes over the run (every 5 min):\n\n"
                + "| minute | outbox rows (3 services) | unused quotes | quote rows | outbox + quote bytes | answered |\n"
                + "|---:|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            if (i % 5 == 4 || i == samples.size() - 1) {
                table.append("| ").append(s.at().toMinutes()).append(" | ").append(s.outboxRows()).append(" | ")
                        .append(s.unusedQuotes()).append(" | ").append(s.quoteRows()).append(" | ")
                        .append(s.bytes() / 1024).append(" KiB | ").append(s.answered()).append(" |\n");
            }
        }
        scenario.fact(table.toString());

        Duration horizon = retention.plus(SLACK);
        List<Sample> settled = samples.stream().filter(s -> s.at().compareTo(horizon) > 0).toList();
        assertThat(settled).as("the run must outlast the retention horizon").isNotEmpty();
        assertThat(settled).allSatisfy(s -> {
            assertThat(s.staleOutbox()).as("sent outbox rows older than retention + %s at minute %d", SLACK, s.at().toMinutes()).isZero();
            assertThat(s.staleQuotes()).as("unused quotes older than retention + %s at minute %d", SLACK, s.at().toMinutes()).isZero();
        });
        // Once every retained row is within the horizon, the counts are flat: compare the last third of the run with
        // the middle third (a table kept for good would grow by half between them).
        if (soak.compareTo(horizon.multipliedBy(3)) >= 0) {
            long middle = maxOutbox(samples, soak.dividedBy(3), soak.multipliedBy(2).dividedBy(3));
            long last = maxOutbox(samples, soak.multipliedBy(2).dividedBy(3), soak.plusMinutes(1));
            long middleQuotes = maxUnusedQuotes(samples, soak.dividedBy(3), soak.multipliedBy(2).dividedBy(3));
            long lastQuotes = maxUnusedQuotes(samples, soak.multipliedBy(2).dividedBy(3), soak.plusMinutes(1));
            scenario.fact("largest outbox in the middle third " + middle + " rows, in the last third " + last
                    + "; unused quotes " + middleQuotes + " and " + lastQuotes);
            assertThat(last).as("outbox rows flat once retention runs").isLessThanOrEqualTo(Math.round(middle * 1.25));
            assertThat(lastQuotes).as("unused quotes flat once retention runs").isLessThanOrEqualTo(Math.round(middleQuotes * 1.25));
        } else {
            scenario.fact("a run shorter than three retention horizons (" + horizon.multipliedBy(3).toMinutes()
                    + " min) checks only that nothing outlives its retention, not that the counts are flat");
        }
        assertThat(audit.clean()).as(audit.render()).isTrue();
    }

    private static long maxOutbox(List<Sample> samples, Duration from, Duration to) {
        return samples.stream().filter(s -> s.at().compareTo(from) >= 0 && s.at().compareTo(to) < 0)
                .mapToLong(Sample::outboxRows).max().orElse(0);
    }

    private static long maxUnusedQuotes(List<Sample> samples, Duration from, Duration to) {
        return samples.stream().filter(s -> s.at().compareTo(from) >= 0 && s.at().compareTo(to) < 0)
                .mapToLong(Sample::unusedQuotes).max().orElse(0);
    }

    private static Sample sample(FaultBank bank, Duration at, Duration retention, long answered) {
        String staleAge = (retention.plus(SLACK).toSeconds()) + " seconds";
        long outbox = 0;
        long stale = 0;
        long bytes = 0;
        List<JdbcClient> databases = new ArrayList<>(List.of(bank.exchangeDb()));
        for (Ledger ledger : Ledger.values()) {
            databases.add(bank.ledgerDb(ledger));
        }
        for (JdbcClient db : databases) {
            outbox += db.sql("SELECT count(*) FROM outbox_message").query(Long.class).single();
            stale += db.sql("SELECT count(*) FROM outbox_message WHERE sent_at < now() - CAST(? AS interval)")
                    .param(staleAge).query(Long.class).single();
            bytes += db.sql("SELECT pg_total_relation_size('outbox_message')").query(Long.class).single();
        }
        JdbcClient exchange = bank.exchangeDb();
        String unused = "FROM quote q WHERE NOT EXISTS (SELECT 1 FROM exchange e WHERE e.quote_id = q.id)";
        long unusedQuotes = exchange.sql("SELECT count(*) " + unused).query(Long.class).single();
        long staleQuotes = exchange.sql("SELECT count(*) " + unused + " AND q.expires_at < now() - CAST(? AS interval)")
                .param(staleAge).query(Long.class).single();
        long quotes = exchange.sql("SELECT count(*) FROM quote").query(Long.class).single();
        bytes += exchange.sql("SELECT pg_total_relation_size('quote')").query(Long.class).single();
        return new Sample(at, outbox, unusedQuotes, quotes, bytes, stale, staleQuotes, answered);
    }
}
