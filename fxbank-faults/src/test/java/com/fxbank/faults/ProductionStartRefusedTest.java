package com.fxbank.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fxbank.common.net.FreePorts;
import com.fxbank.testsupport.PostgresTestDatabase;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §9, fail closed: the account service's runnable jar, started as in production (no development mode),
 * refuses to start without a token issuer, with an http one, on an unauthenticated Kafka connection, on replication
 * factor 1, or on min.insync.replicas 1 —
 * it exits non-zero and says which setting to fix (these checks live in fxbank-security and fxbank-messaging, shared
 * by every service). The exchange service's jar also refuses without a client secret of its own at the issuer.
 */
class ProductionStartRefusedTest {

    /** Never contacted: a service fetches the issuer's keys on the first request, and these starts end before one. */
    private static final String BANK_ISSUER = "--fxbank.security.issuer-uri=https://idp.bank.example/realms/fxbank";
    private static final List<String> DURABLE = List.of("--fxbank.kafka.replication-factor=3",
            "--fxbank.kafka.min-insync-replicas=2");
    /** Dropped when the JVM exits; one per service, whose migrations differ. */
    private static final PostgresTestDatabase accounts = PostgresTestDatabase.create("posture");
    private static final PostgresTestDatabase exchanges = PostgresTestDatabase.create("posture_exchange");

    @Test
    void no_token_issuer_outside_development_mode_refuses_to_start() throws Exception {
        assertRefused(ACCOUNT, DURABLE, "refusing to start: no token issuer is configured", "FXBANK_ISSUER_URI");
    }

    @Test
    void an_issuer_whose_keys_would_come_over_plain_http_refuses_to_start() throws Exception {
        List<String> settings = new ArrayList<>(DURABLE);
        settings.add("--fxbank.security.issuer-uri=http://127.0.0.1:9000");
        assertRefused(ACCOUNT, settings, "refusing to start: the token issuer http://127.0.0.1:9000 is not https");
    }

    @Test
    void the_exchange_service_without_a_client_secret_of_its_own_refuses_to_start() throws Exception {
        List<String> settings = new ArrayList<>(DURABLE);
        settings.add(BANK_ISSUER);
        assertRefused(EXCHANGE, settings, "refusing to start: the exchange service has no client secret of its own",
                "FXBANK_CLIENT_SECRET");
        settings.add("--fxbank.security.client.secret=development");
        assertRefused(EXCHANGE, settings, "refusing to start: the exchange service has no client secret of its own");
    }

    @Test
    void a_kafka_cluster_that_authenticates_no_one_refuses_to_start() throws Exception {
        List<String> settings = new ArrayList<>(DURABLE);
        settings.add(BANK_ISSUER);
        assertRefused(ACCOUNT, settings, "refusing to start: Kafka security protocol PLAINTEXT authenticates no one",
                "FXBANK_KAFKA_SECURITY_PROTOCOL");
    }

    @Test
    void replication_factor_one_outside_development_mode_refuses_to_start() throws Exception {
        assertRefused(ACCOUNT, List.of(BANK_ISSUER), "refusing to start: topics with replication factor 1",
                "FXBANK_KAFKA_REPLICATION_FACTOR");
    }

    @Test
    void min_insync_replicas_one_outside_development_mode_refuses_to_start() throws Exception {
        assertRefused(ACCOUNT, List.of(BANK_ISSUER, "--fxbank.kafka.replication-factor=3", "--fxbank.kafka.min-insync-replicas=1"),
                "min.insync.replicas 1", "FXBANK_KAFKA_MIN_INSYNC_REPLICAS");
    }

    private static final List<String> ACCOUNT = List.of(System.getProperty("fxbank.account-service.jar"),
            "--spring.profiles.active=krw-account");
    private static final List<String> EXCHANGE = List.of(System.getProperty("fxbank.exchange-service.jar"));

    private static void assertRefused(List<String> service, List<String> settings, String... reason)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("posture", ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-jar"));
        command.addAll(service);
        PostgresTestDatabase database = service == ACCOUNT ? accounts : exchanges;
        command.addAll(List.of("--server.port=" + FreePorts.pick(), "--management.server.port=0",
                "--spring.datasource.url=" + database.jdbcUrl(), "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--spring.kafka.bootstrap-servers=127.0.0.1:" + FreePorts.pick()));
        command.addAll(settings);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("FXBANK_DEVELOPMENT_MODE");
        builder.environment().keySet().removeIf(name -> name.startsWith("FXBANK_"));
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
