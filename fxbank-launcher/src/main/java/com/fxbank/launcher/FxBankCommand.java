package com.fxbank.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import com.fxbank.audit.AuditReport;
import com.fxbank.audit.MoneyAudit;
import com.fxbank.devkafka.Directories;
import com.fxbank.issuer.IssuerTokens;
import com.fxbank.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.web.client.ResourceAccessException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;
import sun.misc.Signal;

/** {@code ./fxbank up | audit | token}: picocli, so that options, help and errors need no code of ours. */
@Command(name = "fxbank", mixinStandardHelpOptions = true,
        subcommands = {FxBankCommand.Up.class, FxBankCommand.Demo.class, FxBankCommand.Load.class, FxBankCommand.Audit.class,
                FxBankCommand.Token.class, FxBankCommand.LoadClientCommand.class},
        description = "FxBank, a currency-exchange backend: run it on embedded defaults or against PostgreSQL and Kafka.")
public final class FxBankCommand {

    public static void main(String[] args) {
        System.exit(new CommandLine(new FxBankCommand()).execute(args));
    }

    /** PostgreSQL instead of the embedded databases: {@code up}, {@code audit} and {@code load} take the same options. */
    static final class Postgres {
        @Option(names = "--postgres", defaultValue = "${env:FXBANK_PG_URL}",
                description = "JDBC URL of a PostgreSQL server (e.g. jdbc:postgresql://127.0.0.1:5432/) instead of the embedded databases; "
                        + "the databases are created there if missing.")
        String url;

        @Option(names = "--pg-user", defaultValue = "${env:FXBANK_DB_USER:-postgres}", description = "Default: ${DEFAULT-VALUE}")
        String user;

        @Option(names = "--pg-password", defaultValue = "${env:FXBANK_DB_PASSWORD:-}", description = "Default: empty (trust auth)")
        String password;

        Optional<String> server() {
            return url == null || url.isBlank() ? Optional.empty() : Optional.of(url);
        }
    }

    /** Where the bank keeps its data: shared by {@code up} and {@code audit}. */
    static final class Storage {
        @Option(names = "--home", defaultValue = "${env:FXBANK_HOME:-.fxbank}",
                description = "Where the embedded broker and databases keep their data. Default: ${DEFAULT-VALUE}")
        Path home;

        @Mixin
        Postgres postgres;

        @Option(names = "--kafka", defaultValue = "${env:FXBANK_KAFKA_BOOTSTRAP}",
                description = "bootstrap.servers of an external Kafka cluster instead of the embedded broker.")
        String kafka;

        @Option(names = "--kafka-port", defaultValue = "${env:FXBANK_KAFKA_PORT:-9092}",
                description = "Port of the embedded broker. Default: ${DEFAULT-VALUE}")
        int kafkaPort;

        @Option(names = "--issuer-port", defaultValue = "${env:FXBANK_ISSUER_PORT:-9000}",
                description = "Port of the development token issuer. Default: ${DEFAULT-VALUE}")
        int issuerPort;

        @Option(names = "--exchange-port", defaultValue = "${env:FXBANK_EXCHANGE_PORT:-8080}", description = "Default: ${DEFAULT-VALUE}")
        int exchangePort;

        @Option(names = "--krw-port", defaultValue = "${env:FXBANK_KRW_ACCOUNT_PORT:-8081}", description = "Default: ${DEFAULT-VALUE}")
        int krwPort;

        @Option(names = "--fx-port", defaultValue = "${env:FXBANK_FX_ACCOUNT_PORT:-8082}", description = "Default: ${DEFAULT-VALUE}")
        int fxPort;

        LaunchSettings settings() {
            return new LaunchSettings(home, exchangePort, krwPort, fxPort, kafkaPort, issuerPort, blankToEmpty(kafka),
                    postgres.server(), postgres.user, postgres.password);
        }

        String bootstrapServers() {
            return blankToEmpty(kafka).orElse("127.0.0.1:" + kafkaPort);
        }

        private static Optional<String> blankToEmpty(String value) {
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
        }
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Starts Kafka (embedded unless --kafka), krw-account, fx-account and the exchange service; Ctrl-C stops them.")
    static final class Up implements Callable<Integer> {

        @Mixin
        Storage storage;

        @Option(names = "--fresh", description = "Start from empty embedded data (deletes the --home directory's data first).")
        boolean fresh;

        @Option(names = "--demo", description = "Seed the demo customers alice and bob also into an external database "
                + "(--postgres); on the embedded defaults they are always seeded.")
        boolean demo;

        @Option(names = "--verbose", description = "Show the whole log on the console (by default it goes to <home>/fxbank.log; "
                + "the console shows a line per part while the bank starts, the banner, then warnings and errors).")
        boolean verbose;

        @Option(names = "--tracing", description = "Also start a Zipkin server (traces kept in memory) and export every "
                + "service's spans to it: one trace per exchange, searchable by exchangeId.")
        boolean tracing;

        @Option(names = "--console-port", defaultValue = "${env:FXBANK_CONSOLE_PORT:-8090}",
                description = "Port of the operators' console. Default: ${DEFAULT-VALUE}")
        int consolePort;

        @Option(names = "--zipkin-port", defaultValue = "${env:FXBANK_ZIPKIN_PORT:-9411}", description = "Default: ${DEFAULT-VALUE}")
        int zipkinPort;

        @Option(names = "--zipkin-jar", defaultValue = "${env:FXBANK_ZIPKIN_JAR}",
                description = "The Zipkin server's exec jar (./fxbank up --tracing fetches io.zipkin:zipkin-server:3.5.1:exec).")
        Path zipkinJar;

        @Override
        public Integer call() throws Exception {
            LaunchSettings settings = storage.settings().withConsole(consolePort);
            if (fresh) {
                Directories.deleteRecursively(settings.dataDir());
                Directories.deleteRecursively(settings.kafkaDir());
            }
            Path log = logToFile(settings.home());
            // Each service's Spring banner goes to the log with the rest (printed, with --verbose).
            System.setProperty("spring.main.banner-mode", verbose ? "console" : "log");
            System.out.println("Starting FxBank" + (verbose ? "" : " (its whole log: " + log + "; --verbose shows it here)"));
            long started = System.nanoTime();
            Optional<ZipkinServer> zipkin = tracing
                    ? Optional.of(ZipkinServer.start(requireZipkinJar(), zipkinPort, settings.home().resolve("zipkin.log")))
                    : Optional.empty();
            zipkin.ifPresent(server -> ready("Zipkin", Duration.ofNanos(System.nanoTime() - started)));
            RunningBank bank;
            try {
                bank = RunningBank.start(settings, zipkin.map(ZipkinServer::serviceArgs).orElse(List.of()), this::ready);
            } catch (RuntimeException | Error e) {
                // Whatever stopped the start, an Error included: the Zipkin child process must not outlive us.
                zipkin.ifPresent(ZipkinServer::close);
                System.err.println("FxBank did not start: " + e + (verbose ? "" : " (the whole log: " + log + ")"));
                throw e;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            AtomicBoolean stopping = new AtomicBoolean();
            Runnable stop = () -> {
                try {
                    if (stopping.compareAndSet(false, true)) {
                        System.out.println("Stopping FxBank ...");
                        // What the parts say while they stop (a broker closing a client twice, say) is in the log.
                        ConsoleThreshold.show(verbose ? Level.ALL : Level.ERROR);
                        try {
                            bank.close();
                        } finally {
                            zipkin.ifPresent(ZipkinServer::close);
                        }
                        System.out.println("Stopped.");
                    }
                } finally {
                    // Whatever a part threw while stopping (an Error included), main returns and the JVM exits.
                    stopped.countDown();
                }
            };
            // Ctrl-C and SIGTERM stop the bank while the JVM is whole: every service (its outbox relay first), then the
            // broker. Only then does the JVM exit, and H2's exit hook finds its databases closed; stopped from the shutdown
            // hooks, the relays ran on while H2 closed the files under them. The hook remains for any other exit.
            for (String signal : List.of("INT", "TERM")) {
                Signal.handle(new Signal(signal), received -> Thread.ofPlatform().name("fxbank-stop").start(() -> {
                    try {
                        stop.run();
                    } finally {
                        // Never a process left half stopped: the exit runs even when a part failed to stop.
                        System.exit(0);
                    }
                }));
            }
            Runtime.getRuntime().addShutdownHook(new Thread(stop, "fxbank-shutdown"));
            long readyMillis = (System.nanoTime() - started) / 1_000_000;
            IssuerTokens tokens = bank.tokens();
            boolean demoCustomers = settings.postgresUrl().isEmpty() || demo;
            if (demoCustomers) {
                DemoCustomers.seed(settings, tokens);
            }
            bank.awaitConsumersAssigned(Duration.ofSeconds(30));
            System.out.println(Banner.of(settings, bank.bootstrapServers(), bank.rateSource(), demoCustomers, readyMillis, tokens,
                    bank::metricsUrl, zipkin.map(ZipkinServer::url)));
            // From now on the console shows warnings and errors too (everything with --verbose).
            ConsoleThreshold.show(verbose ? Level.ALL : Level.WARN);
            stopped.await();
            return 0;
        }

        private void ready(String part, Duration took) {
            System.out.printf("  %-20s ready in %4.1f s%n", part, took.toMillis() / 1000.0);
        }

        /**
         * Every line of the log goes to {@code <home>/fxbank.log} (the previous run's is kept as fxbank.previous.log);
         * the console shows only errors until the banner, everything with --verbose. Configured now, before the
         * broker starts, and by every service's context the same way (RunningBank).
         */
        private Path logToFile(Path home) throws IOException {
            Files.createDirectories(home);
            Path log = home.resolve("fxbank.log");
            if (Files.exists(log)) {
                Files.move(log, home.resolve("fxbank.previous.log"), StandardCopyOption.REPLACE_EXISTING);
            }
            System.setProperty("fxbank.log.file", log.toAbsolutePath().toString());
            ConsoleThreshold.show(verbose ? Level.ALL : Level.ERROR);
            if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
                try {
                    JoranConfigurator configurator = new JoranConfigurator();
                    configurator.setContext(logback);
                    logback.reset();
                    configurator.doConfigure(FxBankCommand.class.getResource("/fxbank-up-logback.xml"));
                } catch (JoranException e) {
                    throw new IllegalStateException("the launcher's logging configuration is broken", e);
                }
            }
            return log;
        }

        private Path requireZipkinJar() {
            if (zipkinJar == null) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "--tracing needs the Zipkin server's jar: run through ./fxbank, which fetches it, or give --zipkin-jar");
            }
            return zipkinJar;
        }
    }

    @Command(name = "demo", mixinStandardHelpOptions = true,
            description = "Tells the seed's story with real messages on a fresh bank of its own (free ports, a temporary "
                    + "directory), then audits it; exits 1 if the audit is not clean.")
    static final class Demo implements Callable<Integer> {

        @Override
        public Integer call() throws Exception {
            quietLogging();
            // Every service of the demo's bank reads these: the narration is the output, not the services' logs.
            System.setProperty("logging.level.root", "ERROR");
            System.setProperty("spring.main.banner-mode", "off");
            Path home = Files.createTempDirectory("fxbank-demo");
            try {
                LaunchSettings settings = LaunchSettings.onFreePorts(home);
                return com.fxbank.launcher.Demo.run(settings, System.out) ? 0 : 1;
            } finally {
                Directories.deleteRecursively(home);
            }
        }
    }

    @Command(name = "load", mixinStandardHelpOptions = true,
            description = "A benchmark on a fresh bank of its own: virtual customers buy USD, a share with refused deposits; "
                    + "prints throughput, latency percentiles and the audit.")
    static final class Load implements Callable<Integer> {

        @Option(names = "--customers", defaultValue = "200", description = "Virtual customers. Default: ${DEFAULT-VALUE}")
        int customers;

        @Option(names = "--concurrency", defaultValue = "16", description = "Closed loop: exchanges in flight at once. Default: ${DEFAULT-VALUE}")
        int concurrency;

        @Option(names = "--rate", defaultValue = "0",
                description = "Open loop: start this many exchanges per second whatever the answers do, latency measured "
                        + "from each one's intended start (no coordinated omission). Default: closed loop")
        double rate;

        @Option(names = "--json", description = "Also write the figures to this file as JSON.")
        Path json;

        @Option(names = "--duration", defaultValue = "60s", description = "How long to measure (e.g. 60s, 3m). Default: ${DEFAULT-VALUE}")
        String duration;

        @Option(names = "--warmup", defaultValue = "5m",
                description = "The longest load before measuring: measuring starts as soon as the bank is steady (the last "
                        + "three 10 s windows within 4 %% of one another and the JIT compiler below 0.1 cores, 30 s at the "
                        + "least), or after this. Default: ${DEFAULT-VALUE}")
        String warmup;

        @Option(names = "--refused", defaultValue = "0.10", description = "Share of customers whose deposits are refused. Default: ${DEFAULT-VALUE}")
        double refused;

        @Option(names = "--tracing-sampling", defaultValue = "${env:FXBANK_TRACING_SAMPLING:-1.0}",
                description = "Share of exchanges traced (0 to 1), or 'off' for no tracer at all: the cost of tracing is "
                        + "measured by running the benchmark with each (docs/observability.md). Default: ${DEFAULT-VALUE}")
        String tracingSampling;

        @Option(names = "--outage", defaultValue = "0s",
                description = "Stop krw-account's cancel consumer this long as measuring starts, then restart krw-account and "
                        + "measure how fast the queued refunds drain. Default: none")
        String outage;

        @Option(names = "--cancels", defaultValue = "outbox",
                description = "How the exchange service publishes cancel requests: outbox (FxBank's) or seed-send (the seed's "
                        + "plain kafkaTemplate.send() after the commit, for comparison only; counts the sends it lost). "
                        + "Default: ${DEFAULT-VALUE}")
        String cancels;

        /** On PostgreSQL the benchmark's databases are fxbank_load_*, dropped first: never the bank's own. */
        @Mixin
        Postgres postgres;

        @Override
        public Integer call() throws Exception {
            if (!cancels.equals("outbox") && !cancels.equals("seed-send")) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "--cancels is outbox or seed-send, not '" + cancels + "'");
            }
            boolean seedSend = cancels.equals("seed-send");
            quietLogging();
            System.setProperty("logging.level.root", "ERROR");
            System.setProperty("spring.main.banner-mode", "off");
            Path home = Files.createTempDirectory("fxbank-load");
            try {
                Optional<String> pg = postgres.server();
                LaunchSettings settings = LaunchSettings.onFreePorts(home).onPostgres(pg, postgres.user, postgres.password, "fxbank_load_");
                new ServiceDatabases(settings).dropAll(List.of("exchange", "krw_account", "fx_account"));
                System.out.println("Starting a bank of the benchmark's own on " + pg.map(url -> "PostgreSQL " + url).orElse("embedded H2") + " ...");
                List<String> serviceArgs = new ArrayList<>("off".equals(tracingSampling)
                        ? List.of("--management.tracing.enabled=false")
                        : List.of("--management.tracing.sampling.probability=" + Double.parseDouble(tracingSampling)));
                // The benchmark's customers exchange far more in a minute than a customer would in a year: their limits
                // are counted and checked on every exchange, as always, and set where the load never reaches them.
                serviceArgs.addAll(List.of("--fxbank.exchange.customer-limits.daily=1000000000.00",
                        "--fxbank.exchange.customer-limits.yearly=1000000000.00"));
                if (seedSend) {
                    serviceArgs.add("--fxbank.benchmark.seed-plain-send=true");
                    System.out.println("Cancels: the seed's plain send after the commit, no outbox (benchmark only)");
                }
                System.out.println("Tracing: " + ("off".equals(tracingSampling) ? "off (no tracer)"
                        : "sampling " + tracingSampling + ", spans recorded and not exported"));
                try (RunningBank bank = RunningBank.start(settings, serviceArgs)) {
                    var options = new LoadBenchmark.Options(customers, concurrency, rate, parse(duration), parse(warmup),
                            refused, parse(outage), Optional.ofNullable(json), seedSend);
                    return LoadBenchmark.run(bank, bank.tokens(), options, System.out) ? 0 : 1;
                }
            } finally {
                Directories.deleteRecursively(home);
            }
        }

        static Duration parse(String text) {
            return DurationStyle.detectAndParse(text);
        }
    }

    /** The load of {@code ./fxbank load}, started by it in a JVM of its own (see {@link LoadClient}). */
    @Command(name = "load-client", hidden = true)
    static final class LoadClientCommand implements Callable<Integer> {

        @Option(names = "--exchange-url", required = true)
        String exchangeUrl;
        @Option(names = "--issuer", required = true)
        String issuer;
        @Option(names = "--customers-file", required = true)
        Path customers;
        @Option(names = "--concurrency", defaultValue = "16")
        int concurrency;
        @Option(names = "--rate", defaultValue = "0")
        double rate;
        @Option(names = "--warmup", defaultValue = "10s")
        String warmup;
        @Option(names = "--duration", defaultValue = "60s")
        String duration;
        @Option(names = "--result", required = true)
        Path result;
        @Option(names = "--measuring-marker", required = true)
        Path marker;
        @Option(names = "--steady-marker")
        Path steadyMarker;

        @Override
        public Integer call() throws Exception {
            quietLogging();
            return new LoadClient(new LoadClient.Settings(exchangeUrl, issuer, customers, concurrency, rate,
                    Load.parse(warmup), Load.parse(duration), result, marker, Optional.ofNullable(steadyMarker))).run();
        }
    }

    @Command(name = "audit", mixinStandardHelpOptions = true,
            description = "Checks the money invariant across the three databases and Kafka; exits 1 and names the exchanges on any violation.")
    static final class Audit implements Callable<Integer> {

        @Mixin
        Storage storage;

        @Override
        public Integer call() {
            quietLogging();
            AuditReport report = MoneyAudit.run(BankAudit.targetOf(storage.settings(), storage.bootstrapServers()));
            System.out.print(report.render());
            return report.clean() ? 0 : 1;
        }
    }

    /** The command-line tools print their own findings; the clients' INFO chatter would bury them. */
    static void quietLogging() {
        if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(Level.WARN);
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true,
            description = "Asks the development issuer that ./fxbank up runs for a bearer token (12 h; SERVICE lives 10 min).")
    static final class Token implements Callable<Integer> {

        @Option(names = "--issuer", defaultValue = "${env:FXBANK_ISSUER_URI:-http://127.0.0.1:9000}",
                description = "The development issuer. Default: ${DEFAULT-VALUE}")
        String issuer;

        @CommandLine.Parameters(index = "0", description = "The subject: a customer's id, or a name for staff and services.")
        String subject;

        @Option(names = "--role", defaultValue = "CUSTOMER", description = "CUSTOMER, OPERATOR or SERVICE. Default: ${DEFAULT-VALUE}")
        Role role;

        @Override
        public Integer call() {
            quietLogging();
            try {
                System.out.println(IssuerTokens.of(issuer).mint(role == Role.SERVICE ? "exchange-service" : subject, role));
                return 0;
            } catch (RuntimeException refused) {
                boolean down = NestedExceptionUtils.getRootCause(refused) instanceof IOException
                        || refused.getCause() instanceof ResourceAccessException;
                System.err.println(down ? "no token issuer answers at " + issuer + ": start FxBank with ./fxbank up first"
                        : "the issuer at " + issuer + " refused: " + refused.getMessage());
            }
            return 1;
        }
    }
}
