package com.fxbank.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import com.fxbank.devkafka.Directories;
import com.fxbank.security.JwtProperties;
import com.fxbank.security.Role;
import com.fxbank.security.TokenIssuer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./fxbank up}: the whole bank in this JVM until Ctrl-C. */
@Command(name = "fxbank", mixinStandardHelpOptions = true, subcommands = {FxBankCommand.Up.class, FxBankCommand.Token.class},
        description = "FxBank, a currency-exchange backend: run it on embedded defaults or against PostgreSQL and Kafka.")
public final class FxBankCommand {

    public static void main(String[] args) {
        System.exit(new CommandLine(new FxBankCommand()).execute(args));
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Starts Kafka (embedded unless --kafka), krw-account, fx-account and the exchange service; Ctrl-C stops them.")
    static final class Up implements Callable<Integer> {

        @Option(names = "--home", defaultValue = "${env:FXBANK_HOME:-.fxbank}",
                description = "Where the embedded broker and databases keep their data. Default: ${DEFAULT-VALUE}")
        Path home;

        @Option(names = "--fresh", description = "Start from empty embedded data (deletes the --home directory's data first).")
        boolean fresh;

        @Option(names = "--kafka", defaultValue = "${env:FXBANK_KAFKA_BOOTSTRAP}",
                description = "bootstrap.servers of an external Kafka cluster instead of the embedded broker.")
        String kafka;

        @Option(names = "--kafka-port", defaultValue = "${env:FXBANK_KAFKA_PORT:-9092}",
                description = "Port of the embedded broker. Default: ${DEFAULT-VALUE}")
        int kafkaPort;

        @Option(names = "--postgres", defaultValue = "${env:FXBANK_PG_URL}",
                description = "JDBC URL of a PostgreSQL server (e.g. jdbc:postgresql://127.0.0.1:5432/) instead of the embedded databases; "
                        + "the databases exchange, krw_account and fx_account are created there if missing.")
        String postgres;

        @Option(names = "--pg-user", defaultValue = "${env:FXBANK_DB_USER:-postgres}", description = "Default: ${DEFAULT-VALUE}")
        String pgUser;

        @Option(names = "--pg-password", defaultValue = "${env:FXBANK_DB_PASSWORD:-}", description = "Default: empty (trust auth)")
        String pgPassword;

        @Option(names = "--exchange-port", defaultValue = "${env:FXBANK_EXCHANGE_PORT:-8080}", description = "Default: ${DEFAULT-VALUE}")
        int exchangePort;

        @Option(names = "--krw-port", defaultValue = "${env:FXBANK_KRW_ACCOUNT_PORT:-8081}", description = "Default: ${DEFAULT-VALUE}")
        int krwPort;

        @Option(names = "--fx-port", defaultValue = "${env:FXBANK_FX_ACCOUNT_PORT:-8082}", description = "Default: ${DEFAULT-VALUE}")
        int fxPort;

        @Override
        public Integer call() throws Exception {
            LaunchSettings settings = new LaunchSettings(home, exchangePort, krwPort, fxPort, kafkaPort,
                    blankToEmpty(kafka), blankToEmpty(postgres), pgUser, pgPassword);
            if (fresh) {
                Directories.deleteRecursively(settings.dataDir());
                Directories.deleteRecursively(settings.kafkaDir());
            }
            long started = System.nanoTime();
            RunningBank bank = RunningBank.start(settings);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                System.out.println("Stopping FxBank ...");
                bank.close();
                stopped.countDown();
            }, "fxbank-shutdown"));
            printBanner(settings, bank, (System.nanoTime() - started) / 1_000_000, tokenIssuer());
            stopped.await();
            return 0;
        }

        private static void printBanner(LaunchSettings s, RunningBank bank, long millis, TokenIssuer tokens) {
            String operator = tokens.mint("operator", Duration.ofHours(12), Role.OPERATOR);
            String alice = tokens.mint("alice", Duration.ofHours(12), Role.CUSTOMER);
            System.out.printf("""

                    FxBank is up (%d ms).
                      exchange-service  http://127.0.0.1:%d   health: http://127.0.0.1:%d/actuator/health
                      krw-account       http://127.0.0.1:%d   health: http://127.0.0.1:%d/actuator/health
                      fx-account        http://127.0.0.1:%d   health: http://127.0.0.1:%d/actuator/health
                      Kafka             %s (%s)
                      databases         %s

                    Swagger UI: http://127.0.0.1:%d/swagger-ui.html (krw-account), http://127.0.0.1:%d/swagger-ui.html (fx-account)

                    Tokens (12 h; mint more with ./fxbank token <subject> --role CUSTOMER|OPERATOR|SERVICE):
                      export OPS=%s
                      export ALICE=%s
                    Try:
                      curl -s -X POST http://127.0.0.1:%d/api/v1/accounts -H "Authorization: Bearer $ALICE" -H 'Content-Type: application/json' -d '{"currency":"KRW"}'
                      curl -s http://127.0.0.1:%d/api/v1/accounts -H "Authorization: Bearer $ALICE"
                      curl -s -X POST http://127.0.0.1:%d/api/v1/quotes -H "Authorization: Bearer $ALICE" -H 'Content-Type: application/json' -d '{"side":"BUY","currency":"USD","amount":"100.00"}'

                    Ctrl-C stops everything; data is kept in %s (start with --fresh to begin empty).
                    """, millis, s.exchangePort(), s.exchangePort(), s.krwAccountPort(), s.krwAccountPort(),
                    s.fxAccountPort(), s.fxAccountPort(), bank.bootstrapServers(),
                    s.externalKafka().isPresent() ? "external" : "embedded",
                    s.postgresUrl().map(url -> "PostgreSQL at " + url).orElse("embedded H2 in " + s.dataDir()),
                    s.krwAccountPort(), s.fxAccountPort(), operator, alice,
                    s.krwAccountPort(), s.krwAccountPort(), s.exchangePort(), s.home().toAbsolutePath());
        }

        private static Optional<String> blankToEmpty(String value) {
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
        }
    }

    static TokenIssuer tokenIssuer() {
        String secret = System.getenv().getOrDefault("FXBANK_JWT_SECRET", JwtProperties.DEVELOPMENT_SECRET);
        return new TokenIssuer(new JwtProperties(secret, "fxbank", Duration.ofHours(1)), Clock.systemUTC());
    }

    @Command(name = "token", mixinStandardHelpOptions = true,
            description = "Prints a bearer token of FxBank's scheme (signed with FXBANK_JWT_SECRET, or the development secret).")
    static final class Token implements Callable<Integer> {

        @CommandLine.Parameters(index = "0", description = "The subject: a customer's id, or a name for staff and services.")
        String subject;

        @Option(names = "--role", defaultValue = "CUSTOMER", description = "CUSTOMER, OPERATOR or SERVICE. Default: ${DEFAULT-VALUE}")
        Role role;

        @Option(names = "--hours", defaultValue = "12", description = "Lifetime. Default: ${DEFAULT-VALUE}")
        long hours;

        @Override
        public Integer call() {
            System.out.println(tokenIssuer().mint(subject, Duration.ofHours(hours), role));
            return 0;
        }
    }
}
