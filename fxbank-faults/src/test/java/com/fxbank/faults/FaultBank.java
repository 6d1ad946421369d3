package com.fxbank.faults;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.fxbank.audit.AuditReport;
import com.fxbank.audit.AuditTarget;
import com.fxbank.audit.MoneyAudit;
import com.fxbank.common.net.FreePorts;
import com.fxbank.devkafka.KafkaProcessCluster;
import com.fxbank.devkafka.KafkaSecurity;
import com.fxbank.devkafka.KafkaTopology;
import com.fxbank.issuer.IssuerTokens;
import com.fxbank.messaging.Ledger;
import com.fxbank.security.Role;
import com.fxbank.testsupport.DevelopmentTokens;
import com.fxbank.testsupport.LedgerOperator;
import com.fxbank.testsupport.PostgresTestDatabase;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.web.client.RestClient;

/**
 * A whole FxBank on real parts for the fault scenarios: krw-account, fx-account and the exchange service,
 * each as one or more JVMs of their own from their runnable jars, three PostgreSQL databases, and either a
 * broker inside the test JVM (the short suite) or the 3-broker cluster as OS processes (the full suite).
 * Nothing here is a stub; every fault is done to a real process.
 */
final class FaultBank implements AutoCloseable {

    static final IssuerTokens TOKENS = DevelopmentTokens.issuer();
    /**
     * Sent outbox rows and unused quotes are kept this long here (7 days and 1 day by default), so that scenario 11
     * sees retention at work within its run; longer than any other scenario, which count the rows they made.
     */
    static final Duration RETENTION = Duration.ofMinutes(10);
    static final String FINAL_STATES = "('COMPLETED', 'FAILED', 'FAILED_REFUNDED')";
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };

    private final EmbeddedKafkaKraftBroker embeddedKafka;
    private final KafkaProcessCluster kafkaCluster;
    private final String bootstrapServers;
    private final PostgresTestDatabase krwDatabase;
    private final PostgresTestDatabase fxDatabase;
    private final PostgresTestDatabase exchangeDatabase;
    private final List<ServiceProcess> krw = new ArrayList<>();
    private final List<ServiceProcess> fx = new ArrayList<>();
    private final List<ServiceProcess> exchange = new ArrayList<>();

    private FaultBank(String name, int instances, EmbeddedKafkaKraftBroker embeddedKafka, KafkaProcessCluster kafkaCluster) {
        this.embeddedKafka = embeddedKafka;
        this.kafkaCluster = kafkaCluster;
        this.bootstrapServers = embeddedKafka != null ? embeddedKafka.getBrokersAsString() : kafkaCluster.bootstrapServers();
        this.krwDatabase = PostgresTestDatabase.create(name + "_krw");
        this.fxDatabase = PostgresTestDatabase.create(name + "_fx");
        this.exchangeDatabase = PostgresTestDatabase.create(name + "_exchange");
        Path logs = directory(Path.of("target", "fault-logs", name));
        Path launches = Path.of("target", "fault-launch");
        ServiceLaunch ledgerJar = ServiceLaunch.prepare(Path.of(System.getProperty("fxbank.account-service.jar")), launches,
                training(serviceArgs(krwDatabase, "krw-account", "--spring.profiles.active=krw-account")));
        ServiceLaunch exchangeJar = ServiceLaunch.prepare(Path.of(System.getProperty("fxbank.exchange-service.jar")), launches,
                training(serviceArgs(exchangeDatabase, KafkaSecurity.EXCHANGE_SERVICE)));
        for (int i = 1; i <= instances; i++) {
            krw.add(new ServiceProcess("krw-account-" + i, ledgerJar, FreePorts.pick(),
                    serviceArgs(krwDatabase, "krw-account", "--spring.profiles.active=krw-account"), logs.resolve("krw-account-" + i + ".log")));
            fx.add(new ServiceProcess("fx-account-" + i, ledgerJar, FreePorts.pick(),
                    serviceArgs(fxDatabase, "fx-account", "--spring.profiles.active=fx-account"), logs.resolve("fx-account-" + i + ".log")));
        }
        String krwUrls = krw.stream().map(ServiceProcess::url).collect(Collectors.joining(","));
        String fxUrls = fx.stream().map(ServiceProcess::url).collect(Collectors.joining(","));
        for (int i = 1; i <= instances; i++) {
            exchange.add(new ServiceProcess("exchange-service-" + i, exchangeJar, FreePorts.pick(), serviceArgs(exchangeDatabase, KafkaSecurity.EXCHANGE_SERVICE,
                    "--fxbank.exchange.ledgers.krw-account-url=" + krwUrls,
                    "--fxbank.exchange.ledgers.fx-account-url=" + fxUrls,
                    // Shorter than the defaults so that the scenarios take minutes: a crashed instance's
                    // exchanges wait for their lease (60 s by default), retries pause 1 s … 60 s by default.
                    "--fxbank.exchange.lease=5s",
                    // The load's customers exchange far more than one would in a year: counted and checked, never reached.
                    "--fxbank.exchange.customer-limits.daily=1000000000.00",
                    "--fxbank.exchange.customer-limits.yearly=1000000000.00",
                    "--fxbank.exchange.retry.first=500ms",
                    "--fxbank.exchange.retry.longest=2s",
                    "--fxbank.exchange.retry.slow=2s",
                    "--fxbank.exchange.quote-retention=" + RETENTION.toSeconds() + "s"), logs.resolve("exchange-service-" + i + ".log")));
        }
    }

    /** A training run's arguments: the service's own, on a port of its own. */
    private static List<String> training(List<String> serviceArgs) {
        List<String> args = new ArrayList<>(serviceArgs);
        args.addAll(List.of("--server.port=" + FreePorts.pick(), "--management.server.port=0", "--spring.main.banner-mode=off"));
        return args;
    }

    /** One broker inside the test JVM, one instance of each service: the short suite. */
    static FaultBank withEmbeddedBroker(String name, int instances) {
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 3);
        kafka.afterPropertiesSet();
        return startServices(new FaultBank(name, instances, kafka, null));
    }

    /** Three brokers and a controller as OS processes, RF 3, min.insync.replicas 2: the full suite. */
    static FaultBank withBrokerCluster(String name, int instances) {
        Path dir = directory(Path.of("target", "fault-kafka", name + "-" + System.nanoTime()));
        // Secured as a bank runs it: SASL/SCRAM, each service as its own user, ACLs (issue 12).
        KafkaProcessCluster cluster = KafkaProcessCluster.start(KafkaTopology.onFreePorts(3, dir).secured());
        return startServices(new FaultBank(name, instances, null, cluster));
    }

    private static FaultBank startServices(FaultBank bank) {
        try {
            startTogether(bank.ledgers());
            startTogether(bank.exchange);
            return bank;
        } catch (RuntimeException e) {
            bank.close();
            throw e;
        }
    }

    /** Launches every given service, then waits for each: side by side, as a deployment would. */
    static void startTogether(List<ServiceProcess> services) {
        services.forEach(ServiceProcess::launch);
        services.forEach(ServiceProcess::awaitReady);
    }

    static void killAll(List<ServiceProcess> services) {
        inParallel(services, ServiceProcess::kill);
    }

    /**
     * Runs the action on every item at once, each on a thread of its own. (Not a parallel stream: on two
     * cores the common pool has one worker, and a blocked worker there starved the HTTP client's
     * completions — a readiness check hung for minutes.)
     */
    static <T> void inParallel(List<T> items, Consumer<T> action) {
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = items.stream()
                    .<Future<?>>map(item -> threads.submit(() -> action.accept(item))).toList();
            for (Future<?> each : done) {
                each.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs the task on a thread of its own (never the common pool, see {@link #inParallel}). */
    static CompletableFuture<Void> inBackground(Runnable task) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                task.run();
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    List<ServiceProcess> krw() {
        return krw;
    }

    List<ServiceProcess> fx() {
        return fx;
    }

    List<ServiceProcess> exchange() {
        return exchange;
    }

    List<ServiceProcess> ledgers() {
        List<ServiceProcess> ledgers = new ArrayList<>(krw);
        ledgers.addAll(fx);
        return ledgers;
    }

    List<ServiceProcess> all() {
        List<ServiceProcess> all = ledgers();
        all.addAll(exchange);
        return all;
    }

    PostgresTestDatabase krwDatabase() {
        return krwDatabase;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** For the scenarios' own clients: {@code bootstrap.servers} and, on the secured cluster, the admin user's login. */
    Map<String, Object> kafkaSettings() {
        Map<String, Object> settings = new HashMap<>(kafkaCluster == null ? Map.of() : kafkaCluster.topology().adminSettings());
        settings.put("bootstrap.servers", bootstrapServers);
        return settings;
    }

    /** A service's own Kafka login on the secured cluster (none on the embedded broker). */
    private List<String> kafkaLogin(String user) {
        if (kafkaCluster == null || kafkaCluster.topology().security().isEmpty()) {
            return List.of();
        }
        KafkaSecurity users = kafkaCluster.topology().security().orElseThrow();
        return List.of("--spring.kafka.security.protocol=SASL_PLAINTEXT",
                "--spring.kafka.properties.sasl.mechanism=" + KafkaSecurity.MECHANISM,
                "--spring.kafka.properties.sasl.jaas.config=" + users.jaas(user));
    }

    /** The broker processes, in the full suite only. */
    KafkaProcessCluster kafkaCluster() {
        if (kafkaCluster == null) {
            throw new IllegalStateException("this bank runs one broker inside the test JVM");
        }
        return kafkaCluster;
    }

    int replicationFactor() {
        return kafkaCluster == null ? 1 : kafkaCluster.topology().replicationFactor();
    }

    /**
     * The longest any connection to the bank's three databases is "idle in transaction" right now, in ms: a
     * transaction held open while waiting for something else (Kafka, once) holds back VACUUM for the whole database.
     */
    long longestIdleInTransactionMillis() {
        return exchangeDb().sql("""
                        SELECT COALESCE(MAX(EXTRACT(EPOCH FROM (now() - state_change)) * 1000), 0)::bigint
                        FROM pg_stat_activity WHERE state = 'idle in transaction' AND datname IN (?, ?, ?)""")
                .param(exchangeDatabase.name()).param(krwDatabase.name()).param(fxDatabase.name())
                .query(Long.class).single();
    }

    JdbcClient exchangeDb() {
        return JdbcClient.create(dataSource(exchangeDatabase));
    }

    JdbcClient ledgerDb(Ledger ledger) {
        return JdbcClient.create(dataSource(ledger == Ledger.KRW_ACCOUNT ? krwDatabase : fxDatabase));
    }

    /**
     * Opens a KRW and a USD account for each customer and tops both up. A refusing customer's target
     * account is frozen, so that each of their deposits is refused and the withdrawal is refunded through
     * Kafka: a BUY refund goes to krw-account, a SELL refund to fx-account.
     */
    List<Customer> seed(String prefix, int normal, int refusedBuy, int refusedSell) {
        LedgerOperator krwOps = new LedgerOperator(krw.getFirst().url(), TOKENS);
        LedgerOperator fxOps = new LedgerOperator(fx.getFirst().url(), TOKENS);
        List<Customer> customers = new ArrayList<>();
        Map<Customer.Kind, Integer> counts = new LinkedHashMap<>();
        counts.put(Customer.Kind.NORMAL, normal);
        counts.put(Customer.Kind.REFUSED_BUY, refusedBuy);
        counts.put(Customer.Kind.REFUSED_SELL, refusedSell);
        for (Map.Entry<Customer.Kind, Integer> kind : counts.entrySet()) {
            for (int i = 0; i < kind.getValue(); i++) {
                String owner = prefix + "-" + kind.getKey().name().toLowerCase().replace('_', '-') + "-" + i;
                String krwAccount = krwOps.open(owner, "KRW");
                krwOps.topUp(krwAccount, "1000000000", "KRW", "seed-KRW-" + owner);
                String usdAccount = fxOps.open(owner, "USD");
                fxOps.topUp(usdAccount, "10000000.00", "USD", "seed-USD-" + owner);
                if (kind.getKey() == Customer.Kind.REFUSED_BUY) {
                    fxOps.freeze(usdAccount);
                } else if (kind.getKey() == Customer.Kind.REFUSED_SELL) {
                    krwOps.freeze(krwAccount);
                }
                customers.add(new Customer(owner, kind.getKey(), TOKENS.mint(owner, Role.CUSTOMER)));
            }
        }
        return customers;
    }

    long unfinished() {
        return exchangeDb().sql("SELECT count(*) FROM exchange WHERE state NOT IN " + FINAL_STATES)
                .query(Long.class).single();
    }

    /**
     * Waits until no exchange is left unfinished, and says how long that took; fails when the number of unfinished
     * exchanges has not reached a new low for {@code stall} (the sagas stopped moving), or after half an hour.
     */
    Duration awaitAllFinal(Duration stall) {
        AtomicLong lowest = new AtomicLong(Long.MAX_VALUE);
        return Progress.await("every exchange final", () -> {
            long unfinished = unfinished();
            lowest.accumulateAndGet(unfinished, Math::min);
            return unfinished == 0;
        }, lowest::get, stall, Duration.ofMinutes(30), () -> false);
    }

    /** States of the exchanges of the customers whose names start with {@code prefix}. */
    Map<String, Long> states(String prefix) {
        Map<String, Long> states = new LinkedHashMap<>();
        exchangeDb().sql("SELECT state, count(*) FROM exchange WHERE owner LIKE ? GROUP BY state ORDER BY state")
                .param(prefix + "-%")
                .query((rs, row) -> states.put(rs.getString(1), rs.getLong(2))).list();
        return states;
    }

    /** Refund entries on both ledgers for the exchanges of these customers. */
    long refunds(String prefix) {
        long refunds = 0;
        for (Ledger ledger : Ledger.values()) {
            refunds += ledgerDb(ledger).sql("""
                    SELECT count(*) FROM ledger_entry e JOIN account a ON a.id = e.account_id
                    WHERE e.kind = 'WITHDRAWAL_REFUND' AND a.owner LIKE ?""").param(prefix + "-%").query(Long.class).single();
        }
        return refunds;
    }

    /**
     * The money audit (DESIGN §5) over the three databases and Kafka, repeated until it is clean or three
     * minutes have passed (redelivered requests may still be answered): the last report either way.
     */
    AuditReport audit() {
        AtomicReference<AuditReport> last = new AtomicReference<>();
        try {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                last.set(MoneyAudit.run(auditTarget()));
                return last.get().clean();
            });
        } catch (ConditionTimeoutException dirty) {
            // the caller asserts on the report and shows its violations
        }
        return last.get();
    }

    AuditTarget auditTarget() {
        return new AuditTarget(database(exchangeDatabase), database(krwDatabase), database(fxDatabase), bootstrapServers,
                kafkaCluster == null ? Map.of() : kafkaCluster.topology().adminSettings());
    }

    private static AuditTarget.Database database(PostgresTestDatabase db) {
        return new AuditTarget.Database(db.jdbcUrl(), db.username(), db.password());
    }

    private static DriverManagerDataSource dataSource(PostgresTestDatabase db) {
        return new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password());
    }

    private List<String> serviceArgs(PostgresTestDatabase db, String kafkaUser, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(),
                "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                "--fxbank.kafka.replication-factor=" + replicationFactor(),
                "--fxbank.development-mode=true",
                "--fxbank.security.issuer-uri=" + DevelopmentTokens.issuerUri(),
                // Every service's sent outbox rows (scenario 11 checks that none outlives this).
                "--fxbank.outbox.retention=" + RETENTION.toSeconds() + "s",
                "--logging.level.root=WARN"));
        args.addAll(kafkaLogin(kafkaUser));
        args.addAll(List.of(extra));
        return args;
    }

    /**
     * What an operator does once a parked row's cause is fixed: lists the service's parked outbox rows and releases
     * each through the operator API, with the reason. Returns how many were released.
     */
    static int releaseParked(ServiceProcess service, String reason) {
        RestClient operator = client(service.url(), TOKENS.mint("fault-suite-operator", Role.OPERATOR));
        List<Map<String, Object>> parked = operator.get().uri("/ops/v1/outbox/parked?limit=500").retrieve()
                .body(new ParameterizedTypeReference<List<Map<String, Object>>>() { });
        int released = 0;
        for (Map<String, Object> row : parked) {
            operator.post().uri("/ops/v1/outbox/parked/{seq}/release", row.get("seq")).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("reason", reason)).retrieve().toBodilessEntity();
            released++;
        }
        return released;
    }

    static RestClient client(String url, String token) {
        return RestClient.builder().baseUrl(url).defaultHeader("Authorization", "Bearer " + token)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                    throw new IllegalStateException(url + ": HTTP " + response.getStatusCode());
                }).build();
    }

    private static Path directory(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        exchange.forEach(ServiceProcess::close);
        ledgers().forEach(ServiceProcess::close);
        if (embeddedKafka != null) {
            embeddedKafka.destroy();
        }
        if (kafkaCluster != null) {
            kafkaCluster.close();
        }
    }

    /** A customer of the load, with the token they call the exchange service with. */
    record Customer(String owner, Kind kind, String token) {
        enum Kind { NORMAL, REFUSED_BUY, REFUSED_SELL }
    }
}
