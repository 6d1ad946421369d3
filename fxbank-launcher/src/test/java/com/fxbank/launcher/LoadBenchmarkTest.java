package com.fxbank.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./fxbank load} works end to end on a small bank (embedded H2, a few seconds): the load client starts in a
 * JVM of its own, closed loop and open loop, the refused deposits are refunded and timed, the audit is clean and the
 * figures come out as JSON. It checks the tool, not the figures: a benchmark prints them (docs/benchmarks.md).
 */
class LoadBenchmarkTest {

    @TempDir
    Path home;

    @Test
    void a_closed_loop_run_ends_with_its_refunds_timed_a_clean_audit_and_its_figures_as_json() throws Exception {
        try (RunningBank bank = RunningBank.start(settings())) {
            JsonNode closed = run(bank, 0, "closed.json");
            assertThat(closed.at("/load/mode").asString()).isEqualTo("closed");
            assertThat(closed.at("/load/answered").asLong()).isPositive();
            assertThat(closed.at("/load/errors").asLong()).isZero();
            assertThat(closed.at("/refundLatencyMs/count").asLong()).as("refused deposits refunded and timed").isPositive();
            assertThat(closed.get("bankCpuMsPerExchange").asDouble()).isPositive();
        }
    }

    @Test
    void an_open_loop_run_starts_its_flows_on_time_and_measures_from_then() throws Exception {
        try (RunningBank bank = RunningBank.start(settings())) {
            JsonNode open = run(bank, 20, "open.json");
            assertThat(open.at("/load/mode").asString()).isEqualTo("open");
            assertThat(open.at("/load/latencyFrom").asString()).contains("intended start");
            // 20 flows a second for 3 s are started whatever the answers do, late if need be, never dropped.
            assertThat(open.at("/load/overload").asLong()).isZero();
            assertThat(open.at("/load/answered").asLong() + open.at("/load/errors").asLong()).isEqualTo(60);
        }
    }

    private LaunchSettings settings() {
        return LaunchSettings.onFreePorts(home);
    }

    private JsonNode run(RunningBank bank, double rate, String file) throws Exception {
        Path json = home.resolve(file);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        boolean clean = LoadBenchmark.run(bank, bank.tokens(), new LoadBenchmark.Options(20, 4, rate, Duration.ofSeconds(3),
                Duration.ofSeconds(1), 0.25, Duration.ZERO, Optional.of(json)),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(clean).as(printed.toString(StandardCharsets.UTF_8)).isTrue();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("── figures", "bank CPU", "AUDIT CLEAN");
        JsonNode figures = new JsonMapper().readTree(json.toFile());
        assertThat(figures.get("auditClean").asBoolean()).isTrue();
        // A one-second longest warm-up cannot see three steady 10 s windows: it says so and measures anyway.
        assertThat(figures.at("/warmUp/steady").asBoolean()).isFalse();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("not steady after 1 s", "measuring anyway");
        // Where the bank's CPU went, by thread group, and the collector it ran with.
        assertThat(figures.get("garbageCollectors").asString()).isNotBlank();
        assertThat(figures.at("/bankCpuSplit/coresByGroup/requests").asDouble()).isPositive();
        assertThat(figures.at("/bankCpuSplit/userShare").asDouble() + figures.at("/bankCpuSplit/kernelShare").asDouble())
                .isCloseTo(1.0, within(1e-6));
        return figures;
    }
}
