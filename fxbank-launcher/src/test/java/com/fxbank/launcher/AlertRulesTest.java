package com.fxbank.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 14: the alerting rules and the dashboard as code, checked by Prometheus's own tool. {@code promtool check
 * rules} parses every rule; {@code promtool test rules} runs the cases of {@code fxbank-alerts-test.yml}, where each
 * alert fires when it should and stays quiet when it should not; every query of the Grafana dashboard is parsed the
 * same way (as a recording rule of a file made for the check). {@code ./fxbank test} and CI install promtool.
 */
class AlertRulesTest {

    private static final Path OPS = Path.of("..", "ops");

    @Test
    void the_alerting_rules_parse_and_their_unit_tests_pass() throws Exception {
        Path prometheus = OPS.resolve("prometheus");
        assertThat(promtool(prometheus, "check", "rules", "fxbank-alerts.yml")).contains("SUCCESS");
        assertThat(promtool(prometheus, "test", "rules", "fxbank-alerts-test.yml")).contains("SUCCESS");
    }

    @Test
    void every_query_of_the_dashboard_is_valid_promql() throws Exception {
        JsonNode dashboard = new JsonMapper().readTree(Files.readString(OPS.resolve("grafana/fxbank-dashboard.json")));
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                queries.add(target.get("expr").asString());
            }
        }
        assertThat(queries).hasSizeGreaterThan(10);
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        for (int i = 0; i < queries.size(); i++) {
            rules.append("      - record: dashboard:query").append(i).append('\n')
                    .append("        expr: '").append(queries.get(i).replace("'", "''")).append("'\n");
        }
        Path dir = Files.createTempDirectory("fxbank-dashboard");
        Files.writeString(dir.resolve("dashboard-queries.yml"), rules, StandardCharsets.UTF_8);
        assertThat(promtool(dir, "check", "rules", "dashboard-queries.yml")).contains("SUCCESS: " + queries.size() + " rules found");
    }

    private static String promtool(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException missing) {
            throw new AssertionError("promtool is needed (Debian package prometheus; ./fxbank test installs it)", missing);
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
