package com.fxbank.launcher;

import java.nio.file.Path;
import java.util.Optional;

import com.fxbank.common.net.FreePorts;

/**
 * What the launcher runs against (the development token issuer always runs on {@code issuerPort}). Empty {@code externalKafka} means an embedded broker on {@code kafkaPort};
 * empty {@code postgresUrl} means an embedded H2 database per service under {@code home}.
 *
 * @param postgresUrl a JDBC URL of the PostgreSQL server without a database, e.g. {@code jdbc:postgresql://127.0.0.1:5432/}
 * @param databasePrefix put before every database name, so a benchmark's databases never meet the bank's
 * @param consolePort the operators' console's port; 0: no console
 */
public record LaunchSettings(
        Path home,
        int exchangePort,
        int krwAccountPort,
        int fxAccountPort,
        int kafkaPort,
        int issuerPort,
        Optional<String> externalKafka,
        Optional<String> postgresUrl,
        String postgresUser,
        String postgresPassword,
        String databasePrefix,
        int consolePort) {

    public LaunchSettings(Path home, int exchangePort, int krwAccountPort, int fxAccountPort, int kafkaPort,
                          int issuerPort, Optional<String> externalKafka, Optional<String> postgresUrl, String postgresUser,
                          String postgresPassword) {
        this(home, exchangePort, krwAccountPort, fxAccountPort, kafkaPort, issuerPort, externalKafka, postgresUrl,
                postgresUser, postgresPassword, "", 0);
    }

    /** Without the operators' console (the load tool, the demo, most tests). */
    public LaunchSettings(Path home, int exchangePort, int krwAccountPort, int fxAccountPort, int kafkaPort,
                          int issuerPort, Optional<String> externalKafka, Optional<String> postgresUrl, String postgresUser,
                          String postgresPassword, String databasePrefix) {
        this(home, exchangePort, krwAccountPort, fxAccountPort, kafkaPort, issuerPort, externalKafka, postgresUrl,
                postgresUser, postgresPassword, databasePrefix, 0);
    }

    /**
     * A bank of its own beside any other on this machine: every port free, an embedded broker, an H2 database per
     * service under {@code home}, no console (the demo, the load tool, the tests).
     */
    public static LaunchSettings onFreePorts(Path home) {
        return new LaunchSettings(home, FreePorts.pick(), FreePorts.pick(), FreePorts.pick(), FreePorts.pick(),
                FreePorts.pick(), Optional.empty(), Optional.empty(), "unused", "");
    }

    /** The same bank on a PostgreSQL server ({@code url} without a database), its databases named {@code prefix}…. */
    public LaunchSettings onPostgres(Optional<String> url, String user, String password, String prefix) {
        return new LaunchSettings(home, exchangePort, krwAccountPort, fxAccountPort, kafkaPort, issuerPort, externalKafka,
                url, user, password, prefix, consolePort);
    }

    /** The same bank with the operators' console on {@code port}. */
    public LaunchSettings withConsole(int port) {
        return new LaunchSettings(home, exchangePort, krwAccountPort, fxAccountPort, kafkaPort, issuerPort, externalKafka,
                postgresUrl, postgresUser, postgresPassword, databasePrefix, port);
    }

    public boolean hasConsole() {
        return consolePort > 0;
    }

    /** Where an operator opens the console. */
    public String consoleUrl() {
        return "http://127.0.0.1:" + consolePort;
    }

    /** The development issuer's address: the {@code iss} of its tokens, and where the services find its keys. */
    public String issuerUri() {
        return "http://127.0.0.1:" + issuerPort;
    }

    public Path kafkaDir() {
        return home.resolve("kafka").resolve("embedded");
    }

    public Path dataDir() {
        return home.resolve("data");
    }
}
