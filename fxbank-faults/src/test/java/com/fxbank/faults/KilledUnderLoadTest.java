package com.fxbank.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import com.fxbank.audit.AuditReport;
import com.fxbank.audit.AuditTarget;
import com.fxbank.audit.MoneyAudit;
import com.fxbank.security.JwtProperties;
import com.fxbank.security.Role;
import com.fxbank.security.TokenIssuer;
import com.fxbank.testsupport.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.web.client.RestClient;

/**
 * DESIGN B4 on the real processes: krw-account, fx-account and the exchange service each run as their own
 * JVM from their runnable jars; while customers exchange, one of them is killed with {@code kill -9} and
 * started again. Every exchange then reaches a final state without anyone acting, and the audit of the
 * three databases and Kafka is clean. (Short versions of issue 6's scenarios 2 and 3.)
 */
class KilledUnderLoadTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };
    private static final int CUSTOMERS = 20;

    static EmbeddedKafkaKraftBroker kafka;
    static final PostgresTestDatabase krwDatabase = PostgresTestDatabase.create("fault_krw");
    static final PostgresTestDatabase fxDatabase = PostgresTestDatabase.create("fault_fx");
    static final PostgresTestDatabase exchangeDatabase = PostgresTestDatabase.create("fault_exchange");
    static ServiceProcess krw;
    static ServiceProcess fx;
    static ServiceProcess exchange;
    static final TokenIssuer tokens = new TokenIssuer(
            new JwtProperties(JwtProperties.DEVELOPMENT_SECRET, "fxbank", Duration.ofHours(1)), Clock.systemUTC());

    @BeforeAll
    static void startTheBank() throws IOException {
        kafka = new EmbeddedKafkaKraftBroker(1, 3);
        kafka.afterPropertiesSet();
        Path logs = Files.createDirectories(Path.of("target", "fault-logs"));
        Path ledgerJar = Path.of(System.getProperty("fxbank.account-service.jar"));
        Path exchangeJar = Path.of(System.getProperty("fxbank.exchange-service.jar"));
        krw = new ServiceProcess("krw-account", ledgerJar, freePort(),
                serviceArgs(krwDatabase, "--spring.profiles.active=krw-account"), logs.resolve("krw-account.log"));
        fx = new ServiceProcess("fx-account", ledgerJar, freePort(),
                serviceArgs(fxDatabase, "--spring.profiles.active=fx-account"), logs.resolve("fx-account.log"));
        krw.start();
        fx.start();
        exchange = new ServiceProcess("exchange-service", exchangeJar, freePort(), serviceArgs(exchangeDatabase,
                "--fxbank.exchange.ledgers.krw-account-url=" + krw.url(),
                "--fxbank.exchange.ledgers.fx-account-url=" + fx.url(),
                // A crashed instance's exchanges wait for their lease to end: short here, 60 s by default.
                "--fxbank.exchange.lease=5s",
                "--fxbank.exchange.retry.first=500ms",
                "--fxbank.exchange.retry.longest=2s",
                // Once attempts run out, retries go on every 5 minutes by default: every 2 s here. (With the
                // default, a ledger's 20 s restart left exchanges waiting minutes in the slow retry.)
                "--fxbank.exchange.retry.slow=2s"), logs.resolve("exchange-service.log"));
        exchange.start();
    }

    @AfterAll
    static void stopTheBank() {
        for (ServiceProcess service : new ServiceProcess[] {exchange, fx, krw}) {
            if (service != null) {
                service.close();
            }
        }
        if (kafka != null) {
            kafka.destroy();
        }
    }

    @Test
    void every_exchange_ends_final_and_the_audit_is_clean_after_the_exchange_service_is_killed_mid_saga() throws Exception {
        killUnderLoadThenAudit(exchange);
    }

    /**
     * Issue 6's scenario 3, short: krw-account dies with -9 while it withdraws and consumes cancel requests
     * (a fifth of the deposits are refused); what it had committed but not acknowledged comes again and
     * moves nothing twice.
     */
    @Test
    void every_exchange_ends_final_and_the_audit_is_clean_after_the_source_ledger_is_killed_while_refunding() throws Exception {
        killUnderLoadThenAudit(krw);
    }

    private void killUnderLoadThenAudit(ServiceProcess victim) throws Exception {
        List<String> customers = seedCustomers();
        AtomicBoolean running = new AtomicBoolean(true);
        LongAdder answered = new LongAdder();
        LongAdder failedRequests = new LongAdder();
        JdbcClient exchanges = JdbcClient.create(dataSource(exchangeDatabase));
        try (ExecutorService load = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 8; i++) {
                load.submit(() -> {
                    while (running.get()) {
                        try {
                            exchangeOnce(customers.get(ThreadLocalRandom.current().nextInt(customers.size())));
                            answered.increment();
                        } catch (RuntimeException whileDown) {
                            failedRequests.increment();
                        }
                    }
                });
            }
            long before = answered.sum();
            await().atMost(Duration.ofSeconds(60)).until(() -> answered.sum() >= before + 100);
            victim.kill();
            long answeredAtKill = answered.sum();
            long unfinished = exchanges
                    .sql("SELECT count(*) FROM exchange WHERE state NOT IN ('COMPLETED', 'FAILED', 'FAILED_REFUNDED')")
                    .query(Long.class).single();
            System.out.printf("killed %s with %d exchanges answered and %d left unfinished%n",
                    victim.name(), answeredAtKill, unfinished);
            victim.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> answered.sum() >= answeredAtKill + 100);
            running.set(false);
        }

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> exchanges
                .sql("SELECT count(*) FROM exchange WHERE state NOT IN ('COMPLETED', 'FAILED', 'FAILED_REFUNDED')")
                .query(Long.class).single() == 0);
        AuditReport audit = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> MoneyAudit.run(target()), AuditReport::clean);

        assertThat(audit.clean()).as(audit.render()).isTrue();
        long unknownOutcomes = exchanges.sql("SELECT count(*) FROM exchange_history WHERE to_state IN "
                + "('WITHDRAWAL_UNKNOWN', 'DEPOSIT_UNKNOWN')").query(Long.class).single();
        assertThat(failedRequests.sum() + unknownOutcomes).as("the kill cut off requests or left outcomes unknown").isPositive();
    }

    private static int seeded;

    private static List<String> seedCustomers() {
        RestClient krwOps = client(krw.url(), tokens.mint("ops", Role.OPERATOR));
        RestClient fxOps = client(fx.url(), tokens.mint("ops", Role.OPERATOR));
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            String owner = "fault-" + (seeded++);
            String krwAccount = (String) krwOps.post().uri("/ops/v1/accounts").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("owner", owner, "currency", "KRW")).retrieve().body(JSON).get("id");
            krwOps.post().uri("/ops/v1/accounts/{id}/top-ups", krwAccount).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("amount", "1000000000", "currency", "KRW", "reference", "seed-" + owner))
                    .retrieve().toBodilessEntity();
            String usdAccount = (String) fxOps.post().uri("/ops/v1/accounts").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("owner", owner, "currency", "USD")).retrieve().body(JSON).get("id");
            if (i % 5 == 0) { // a fifth of the deposits are refused and refunded through Kafka
                fxOps.put().uri("/ops/v1/accounts/{id}/frozen", usdAccount).contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("frozen", true)).retrieve().toBodilessEntity();
            }
            customers.add(owner);
        }
        return customers;
    }

    private static void exchangeOnce(String owner) {
        RestClient customer = RestClient.builder().baseUrl(exchange.url())
                .defaultHeader("Authorization", "Bearer " + tokens.mint(owner, Role.CUSTOMER)).build();
        Map<String, Object> quote = customer.post().uri("/api/v1/quotes").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("side", "BUY", "currency", "USD", "amount", ThreadLocalRandom.current().nextInt(1, 50) + ".00"))
                .retrieve().body(JSON);
        customer.post().uri("/api/v1/exchanges").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("quoteId", quote.get("quoteId"))).retrieve().toBodilessEntity();
    }

    private static AuditTarget target() {
        return new AuditTarget(database(exchangeDatabase), database(krwDatabase), database(fxDatabase),
                kafka.getBrokersAsString());
    }

    private static AuditTarget.Database database(PostgresTestDatabase db) {
        return new AuditTarget.Database(db.jdbcUrl(), db.username(), db.password());
    }

    private static DriverManagerDataSource dataSource(PostgresTestDatabase db) {
        return new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password());
    }

    private static List<String> serviceArgs(PostgresTestDatabase db, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(),
                "--spring.kafka.bootstrap-servers=" + kafka.getBrokersAsString(),
                "--logging.level.root=WARN"));
        args.addAll(List.of(extra));
        return args;
    }

    private static RestClient client(String url, String token) {
        return RestClient.builder().baseUrl(url).defaultHeader("Authorization", "Bearer " + token)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                    throw new IllegalStateException(url + ": HTTP " + response.getStatusCode());
                }).build();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
