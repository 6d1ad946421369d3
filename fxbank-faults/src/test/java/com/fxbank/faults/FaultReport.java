package com.fxbank.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fxbank.audit.AuditReport;

/**
 * What each fault scenario did and found, written as Markdown to {@code target/fault-report.md} after every
 * scenario (so a run that stops half-way still leaves its findings). {@code ./fxbank faults} copies it to
 * {@code docs/fault-report.md}.
 */
final class FaultReport {

    static final Path FILE = Path.of("target", "fault-report.md");
    private static final Map<Scenario, String> sections = new LinkedHashMap<>();
    private static final Instant suiteStarted = Instant.now();

    private FaultReport() {
    }

    /** One scenario while it runs: its faults, with the second of the scenario each one happened. */
    static final class Scenario {
        private final String title;
        private final String prefix;
        private final Instant started = Instant.now();
        private final List<String> faults = new ArrayList<>();
        private final List<String> facts = new ArrayList<>();
        private Instant lastFaultHealed = started;
        private String outcome;
        private String auditBlock = "";

        Scenario(String title, String prefix) {
            this.title = title;
            this.prefix = prefix;
        }

        String prefix() {
            return prefix;
        }

        /** A fault injected or healed. */
        void fault(String what) {
            faults.add("t+" + seconds(Duration.between(started, Instant.now())) + " s: " + what);
            System.out.printf("[%s] %s%n", title, faults.getLast());
        }

        /** The moment after which the bank is left alone to settle. */
        void healed(String what) {
            fault(what);
            lastFaultHealed = Instant.now();
        }

        /** A finding; one made after {@link #finish} is added to the section already written. */
        void fact(String fact) {
            facts.add(fact);
            System.out.printf("[%s] %s%n", title, fact);
            if (outcome != null) {
                publish();
            }
        }

        /** The moment every exchange was final, measured from the last healed fault. */
        Duration sinceHealed() {
            return Duration.between(lastFaultHealed, Instant.now());
        }

        /** Writes the scenario's section, with its outcome, into the report. */
        void finish(FaultBank bank, CustomerLoad load, Duration settled, Duration afterLoad, AuditReport audit) {
            Duration took = Duration.between(started, Instant.now());
            Map<String, Long> states = bank.states(prefix);
            StringBuilder md = new StringBuilder();
            md.append("## ").append(title).append("\n\n");
            md.append("Faults injected:\n\n");
            faults.forEach(f -> md.append("- ").append(f).append('\n'));
            md.append("\n| | |\n|---|---|\n");
            md.append("| exchanges attempted by the customers | ").append(load.attempted()).append(" |\n");
            md.append("| answered (201/202) | ").append(load.answered()).append(" |\n");
            md.append("| no answer or an error (instance down, database down) | ").append(load.failed()).append(" |\n");
            md.append("| exchanges stored, by final state | ").append(states).append(" |\n");
            md.append("| refunds on the ledgers | ").append(bank.refunds(prefix)).append(" |\n");
            md.append("| every exchange final, seconds after the last fault was healed | ")
                    .append(seconds(settled)).append(" |\n");
            md.append("| every exchange final, seconds after the load stopped | ")
                    .append(seconds(afterLoad)).append(" |\n");
            md.append("| audit | ").append(audit.clean() ? "clean" : "**VIOLATED**").append(" |\n");
            md.append("| scenario took | ").append(took.toSeconds()).append(" s").append(" |\n");
            String restarts = bank.all().stream()
                    .flatMap(service -> service.startsSince(started).stream()
                            .map(start -> service.name() + " " + seconds(start.took()) + " s"))
                    .collect(Collectors.joining(", "));
            if (!restarts.isEmpty()) {
                md.append("| time to ready of each service started during the scenario (launch to readiness UP, under load; ")
                        .append(bank.all().getFirst().launchedAs()).append(") | ")
                        .append(restarts).append(" |\n");
            }
            outcome = md.toString();
            auditBlock = audit.clean() ? "" : "\n```\n" + audit.render() + "\n```\n";
            publish();
        }

        private void publish() {
            StringBuilder md = new StringBuilder(outcome);
            if (!facts.isEmpty()) {
                md.append("\nFindings:\n\n");
                facts.forEach(f -> md.append("- ").append(f).append('\n'));
            }
            md.append(auditBlock);
            write(this, md.toString());
        }
    }

    private static synchronized void write(Scenario scenario, String section) {
        sections.put(scenario, section);
        StringBuilder md = new StringBuilder("# FxBank fault suite report\n\n");
        md.append("Run started ").append(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                suiteStarted.atOffset(ZoneOffset.UTC).withNano(0))).append(" UTC on ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(Runtime.version()).append(". Produced by `./fxbank faults` (see README).\n\n");
        sections.values().forEach(s -> md.append(s).append('\n'));
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, md.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A duration as seconds with one decimal, for the report. */
    static BigDecimal seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).setScale(1, RoundingMode.HALF_UP);
    }
}
