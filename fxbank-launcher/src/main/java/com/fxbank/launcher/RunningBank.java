package com.fxbank.launcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.fxbank.account.AccountServiceApplication;
import com.fxbank.console.ConsoleApplication;
import com.fxbank.devkafka.EmbeddedKafka;
import com.fxbank.exchange.ExchangeServiceApplication;
import com.fxbank.exchange.application.port.out.RateSource;
import com.fxbank.issuer.DevelopmentIssuerApplication;
import com.fxbank.issuer.IssuerTokens;
import com.fxbank.messaging.Ledger;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * FxBank running in this JVM: the development token issuer, the Kafka broker (unless an external one is used),
 * krw-account, fx-account and the exchange service, each a Spring application context of its own with its own
 * database and port. The services trust the issuer's published keys only; tokens come from it ({@link #tokens()}).
 * A ledger can be stopped and started again on its data, as the demo does.
 */
public final class RunningBank implements AutoCloseable {

    private static final String EXCHANGE = "exchange-service";
    private static final String ISSUER = "fxbank-issuer";
    private static final String CONSOLE = "fxbank-console";

    private final LaunchSettings settings;
    private final Optional<EmbeddedKafka> kafka;
    private final String bootstrapServers;
    private final IssuerTokens tokens;
    /** Given to every service after its own settings (e.g. where to export traces). */
    private final List<String> serviceArgs;
    /** In start order; each entry knows how to start its service again. */
    private final Map<String, Service> services = new LinkedHashMap<>();

    private record Service(Supplier<SpringApplication> application, String[] args,
                           ConfigurableApplicationContext[] context) {
    }

    private RunningBank(LaunchSettings settings, Optional<EmbeddedKafka> kafka, String bootstrapServers, List<String> serviceArgs) {
        this.settings = settings;
        this.kafka = kafka;
        this.bootstrapServers = bootstrapServers;
        this.tokens = IssuerTokens.of(settings.issuerUri());
        this.serviceArgs = List.copyOf(serviceArgs);
    }

    public static RunningBank start(LaunchSettings settings) {
        return start(settings, List.of());
    }

    public static RunningBank start(LaunchSettings settings, List<String> serviceArgs) {
        return start(settings, serviceArgs, Progress.SILENT);
    }

    /** Told when each part of the bank is up, and how long it took. */
    @FunctionalInterface
    public interface Progress {
        void ready(String part, Duration took);

        Progress SILENT = (part, took) -> { };
    }

    /**
     * @param serviceArgs settings every service gets on top of the launcher's (e.g. {@code --management.tracing...})
     * @param progress    told as each part is up (the broker, the issuer, each service, the console)
     */
    public static RunningBank start(LaunchSettings settings, List<String> serviceArgs, Progress progress) {
        ServiceOfThread.name("kafka");
        Optional<EmbeddedKafka> kafka;
        long began = System.nanoTime();
        try {
            kafka = settings.externalKafka().isPresent()
                    ? Optional.empty()
                    : Optional.of(EmbeddedKafka.start(settings.kafkaPort(), settings.kafkaDir()));
        } finally {
            ServiceOfThread.name(null);
        }
        kafka.ifPresent(broker -> progress.ready("Kafka broker", Duration.ofNanos(System.nanoTime() - began)));
        String bootstrap = settings.externalKafka().orElseGet(() -> kafka.orElseThrow().bootstrapServers());
        RunningBank bank = new RunningBank(settings, kafka, bootstrap, serviceArgs);
        try {
            timed(progress, "token issuer", bank::addIssuer);
            ServiceDatabases databases = new ServiceDatabases(settings);
            timed(progress, Ledger.KRW_ACCOUNT.id(), () -> bank.add(Ledger.KRW_ACCOUNT.id(),
                    AccountServiceApplication::application, settings.krwAccountPort(), databases, "krw_account",
                    "--spring.profiles.active=krw-account"));
            timed(progress, Ledger.FX_ACCOUNT.id(), () -> bank.add(Ledger.FX_ACCOUNT.id(),
                    AccountServiceApplication::application, settings.fxAccountPort(), databases, "fx_account",
                    "--spring.profiles.active=fx-account"));
            timed(progress, EXCHANGE, () -> bank.add(EXCHANGE, ExchangeServiceApplication::application,
                    settings.exchangePort(), databases, "exchange",
                    "--fxbank.exchange.ledgers.krw-account-url=http://127.0.0.1:" + settings.krwAccountPort(),
                    "--fxbank.exchange.ledgers.fx-account-url=http://127.0.0.1:" + settings.fxAccountPort()));
            if (settings.hasConsole()) {
                timed(progress, "operators' console", bank::addConsole);
            }
            return bank;
        } catch (RuntimeException e) {
            bank.close();
            throw e;
        }
    }

    private static void timed(Progress progress, String part, Runnable start) {
        long began = System.nanoTime();
        start.run();
        progress.ready(part, Duration.ofNanos(System.nanoTime() - began));
    }

    private void addIssuer() {
        List<String> args = new ArrayList<>(List.of("--server.port=" + settings.issuerPort(), "--fxbank.development-mode=true"));
        if (settings.hasConsole()) {
            // The console's sign-in comes back to it; a browser may name the host either way.
            args.add("--fxbank.issuer.console-redirect-uris=" + settings.consoleUrl() + CONSOLE_SIGN_IN + ","
                    + "http://localhost:" + settings.consolePort() + CONSOLE_SIGN_IN);
        }
        Service issuer = new Service(DevelopmentIssuerApplication::application, args.toArray(String[]::new),
                new ConfigurableApplicationContext[1]);
        services.put(ISSUER, issuer);
        run(ISSUER, issuer);
    }

    private static final String CONSOLE_SIGN_IN = "/login/oauth2/code/fxbank";

    /** The operators' console, signing operators in at the development issuer and calling the three services. */
    private void addConsole() {
        Service console = new Service(ConsoleApplication::application, new String[] {
                "--server.port=" + settings.consolePort(),
                "--spring.security.oauth2.client.provider.fxbank.issuer-uri=" + settings.issuerUri(),
                "--spring.security.oauth2.client.registration.fxbank.client-secret=development",
                "--fxbank.console.exchange-url=http://127.0.0.1:" + settings.exchangePort(),
                "--fxbank.console.krw-account-url=http://127.0.0.1:" + settings.krwAccountPort(),
                "--fxbank.console.fx-account-url=http://127.0.0.1:" + settings.fxAccountPort()},
                new ConfigurableApplicationContext[1]);
        services.put(CONSOLE, console);
        run(CONSOLE, console);
    }

    private void add(String name, Supplier<SpringApplication> application, int port, ServiceDatabases databases,
                     String database, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--management.server.port=" + managementPortFor(port),
                "--spring.datasource.url=" + databases.urlOf(database),
                "--spring.datasource.username=" + databases.user(),
                "--spring.datasource.password=" + databases.password(),
                "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                "--fxbank.security.issuer-uri=" + settings.issuerUri(),
                // The launcher is a developer's tool: the development issuer and a single broker are allowed here.
                "--fxbank.development-mode=true",
                // The embedded broker logs through the same logging system: keep its chatter out of the console.
                "--logging.level.kafka=WARN",
                "--logging.level.org.apache.kafka=WARN",
                "--logging.level.state.change.logger=WARN"));
        args.addAll(List.of(extra));
        args.addAll(serviceArgs);
        Service service = new Service(application, args.toArray(String[]::new), new ConfigurableApplicationContext[1]);
        services.put(name, service);
        run(name, service);
    }

    /**
     * Actuator's port for a service on {@code port}: 1000 above it for the well-known ports of {@code ./fxbank up}
     * (8080 → 9080, 8081 → 9081, 8082 → 9082, as the services' own defaults), any free port for the others (the
     * load tool's and the tests' ports are random: 1000 above one could be taken).
     */
    static int managementPortFor(int port) {
        return port >= 1024 && port < 10_000 ? port + 1000 : 0;
    }

    /** Where Prometheus scrapes this service: its management port, on loopback. */
    public String metricsUrl(String name) {
        return "http://127.0.0.1:" + services.get(name).context()[0].getEnvironment().getProperty("local.management.port")
                + "/actuator/prometheus";
    }

    private static void run(String name, Service service) {
        SpringApplication application = service.application().get();
        // Several services share this JVM: no service may register the JVM-wide shutdown hook of its own.
        application.setRegisterShutdownHook(false);
        List<String> args = new ArrayList<>(List.of(service.args()));
        // Each line on the console names its service (the threads this start creates inherit the name), unless JSON
        // lines were asked for (LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs|logstash|gelf): those are Spring Boot's own.
        if (System.getenv("LOGGING_STRUCTURED_FORMAT_CONSOLE") == null
                && System.getProperty("logging.structured.format.console") == null) {
            // ./fxbank up keeps the whole log in a file (the system property fxbank.log.file names it).
            args.add("--logging.config=classpath:" + (System.getProperty("fxbank.log.file") == null
                    ? "fxbank-quickstart-logback.xml" : "fxbank-up-logback.xml"));
        } else {
            args.add("--logging.structured.json.customizer=" + ServiceJsonMember.class.getName());
        }
        ServiceOfThread.name(name);
        try {
            service.context()[0] = application.run(args.toArray(String[]::new));
        } finally {
            ServiceOfThread.name(null);
        }
    }

    /** Stops a ledger's process as an outage would (its data and its unconsumed messages stay). */
    public void stopLedger(Ledger ledger) {
        services.get(ledger.id()).context()[0].close();
    }

    public void startLedger(Ledger ledger) {
        run(ledger.id(), services.get(ledger.id()));
    }

    /** Stops a ledger's Kafka consumers only: its cancel requests wait in Kafka from now on. */
    public void stopCancelConsumer(Ledger ledger) {
        services.get(ledger.id()).context()[0].getBean(KafkaListenerEndpointRegistry.class).stop();
    }

    /**
     * Waits until every Kafka listener of every service has its partitions, so that nothing the consumers log
     * while joining their groups comes after what the caller prints next.
     */
    public void awaitConsumersAssigned(Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        for (Service service : services.values()) {
            KafkaListenerEndpointRegistry listeners = service.context()[0]
                    .getBeanProvider(KafkaListenerEndpointRegistry.class).getIfAvailable();
            if (listeners == null) {
                continue; // the issuer
            }
            for (var container : listeners.getListenerContainers()) {
                while (container.isRunning() && (container.getAssignedPartitions() == null
                        || container.getAssignedPartitions().isEmpty()) && System.nanoTime() < deadline) {
                    Thread.sleep(50); // polls a condition with a deadline; the start goes on after it either way
                }
            }
        }
    }

    /** Where the exchange service's mid rates come from, in one line for people. */
    public String rateSource() {
        return services.get(EXCHANGE).context()[0]
                .getBean(RateSource.class).description();
    }

    /** Tokens from this bank's issuer, as {@code ./fxbank token} gets them. */
    public IssuerTokens tokens() {
        return tokens;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public LaunchSettings settings() {
        return settings;
    }

    /** Services first, newest first, so that nothing is cut off from the broker mid-message; the broker last. */
    @Override
    public void close() {
        List<Service> started = new ArrayList<>(services.values());
        for (int i = started.size() - 1; i >= 0; i--) {
            ConfigurableApplicationContext context = started.get(i).context()[0];
            if (context != null && context.isActive()) {
                context.close();
            }
        }
        kafka.ifPresent(EmbeddedKafka::close);
    }
}
