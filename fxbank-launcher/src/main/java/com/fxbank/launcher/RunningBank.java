package com.fxbank.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fxbank.account.AccountServiceApplication;
import com.fxbank.devkafka.EmbeddedKafka;
import com.fxbank.exchange.ExchangeServiceApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * FxBank running in this JVM: the Kafka broker (unless an external one is used), krw-account, fx-account
 * and the exchange service, each a Spring application context of its own with its own database and port.
 */
public final class RunningBank implements AutoCloseable {

    private final LaunchSettings settings;
    private final Optional<EmbeddedKafka> kafka;
    private final String bootstrapServers;
    private final List<ConfigurableApplicationContext> services = new ArrayList<>();

    private RunningBank(LaunchSettings settings, Optional<EmbeddedKafka> kafka, String bootstrapServers) {
        this.settings = settings;
        this.kafka = kafka;
        this.bootstrapServers = bootstrapServers;
    }

    public static RunningBank start(LaunchSettings settings) {
        Optional<EmbeddedKafka> kafka = settings.externalKafka().isPresent()
                ? Optional.empty()
                : Optional.of(EmbeddedKafka.start(settings.kafkaPort(), settings.kafkaDir()));
        String bootstrap = settings.externalKafka().orElseGet(() -> kafka.orElseThrow().bootstrapServers());
        RunningBank bank = new RunningBank(settings, kafka, bootstrap);
        try {
            ServiceDatabases databases = new ServiceDatabases(settings);
            bank.run(AccountServiceApplication.application(), "krw-account", settings.krwAccountPort(),
                    databases.urlOf("krw_account"));
            bank.run(AccountServiceApplication.application(), "fx-account", settings.fxAccountPort(),
                    databases.urlOf("fx_account"));
            bank.run(ExchangeServiceApplication.application(), null, settings.exchangePort(),
                    databases.urlOf("exchange"),
                    "--fxbank.exchange.ledgers.krw-account-url=http://127.0.0.1:" + settings.krwAccountPort(),
                    "--fxbank.exchange.ledgers.fx-account-url=http://127.0.0.1:" + settings.fxAccountPort());
            return bank;
        } catch (RuntimeException e) {
            bank.close();
            throw e;
        }
    }

    private void run(SpringApplication application, String profile, int port, String databaseUrl, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--spring.datasource.url=" + databaseUrl,
                "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                // The embedded broker logs through the same logging system: keep its chatter out of the console.
                "--logging.level.kafka=WARN",
                "--logging.level.org.apache.kafka=WARN",
                "--logging.level.state.change.logger=WARN"));
        if (databaseUrl.startsWith("jdbc:postgresql:")) {
            args.add("--spring.datasource.username=" + settings.postgresUser());
            args.add("--spring.datasource.password=" + settings.postgresPassword());
        } else {
            args.add("--spring.datasource.username=sa");
            args.add("--spring.datasource.password=");
        }
        if (profile != null) {
            args.add("--spring.profiles.active=" + profile);
        }
        args.addAll(List.of(extra));
        // Several services share this JVM: no service may register the JVM-wide shutdown hook of its own.
        application.setRegisterShutdownHook(false);
        services.add(application.run(args.toArray(String[]::new)));
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
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        services.clear();
        kafka.ifPresent(EmbeddedKafka::close);
    }
}
