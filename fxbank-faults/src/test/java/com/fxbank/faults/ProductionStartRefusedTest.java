package com.fxbank.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fxbank.testsupport.FreePorts;
import com.fxbank.testsupport.PostgresTestDatabase;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §9, fail closed: the account service's runnable jar, started as in production (no development mode),
 * refuses to start on the public development secret, on replication factor 1, or on min.insync.replicas 1 — it
 * exits non-zero and says which setting to fix. (The exchange service shares the same checks: they live in
 * fxbank-security and fxbank-messaging.)
 */
class ProductionStartRefusedTest {

    private static final String REAL_SECRET = "--fxbank.security.jwt.secret=a-bank-s-own-secret-of-at-least-32-bytes!";
    /** Dropped when the JVM exits. */
    private static final PostgresTestDatabase database = PostgresTestDatabase.create("posture");

    @Test
    void the_development_secret_outside_development_mode_refuses_to_start() throws Exception {
        assertRefused(List.of("--fxbank.kafka.replication-factor=3", "--fxbank.kafka.min-insync-replicas=2"),
                "refusing to start: tokens would be checked against the development secret", "FXBANK_JWT_SECRET");
    }

    @Test
    void replication_factor_one_outside_development_mode_refuses_to_start() throws Exception {
        assertRefused(List.of(REAL_SECRET), "refusing to start: topics with replication factor 1",
                "FXBANK_KAFKA_REPLICATION_FACTOR");
    }

    @Test
    void min_insync_replicas_one_outside_development_mode_refuses_to_start() throws Exception {
        assertRefused(List.of(REAL_SECRET, "--fxbank.kafka.replication-factor=3", "--fxbank.kafka.min-insync-replicas=1"),
                "min.insync.replicas 1", "FXBANK_KAFKA_MIN_INSYNC_REPLICAS");
    }

    private static void assertRefused(List<String> settings, String... reason) throws IOException, InterruptedException {
        Path log = Files.createTempFile("posture", ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-jar", System.getProperty("fxbank.account-service.jar"),
                "--spring.profiles.active=krw-account", "--server.port=" + FreePorts.pick(),
                "--spring.datasource.url=" + database.jdbcUrl(), "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--spring.kafka.bootstrap-servers=127.0.0.1:" + FreePorts.pick()));
        command.addAll(settings);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("FXBANK_DEVELOPMENT_MODE");
        builder.environment().remove("FXBANK_JWT_SECRET");
        Process process = builder.start();
        boolean exited = process.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(exited).as("the service exited on its own; output:%n%s", output).isTrue();
        assertThat(process.exitValue()).as("exit code").isNotZero();
        assertThat(output).contains(reason);
        Files.deleteIfExists(log);
    }
}
