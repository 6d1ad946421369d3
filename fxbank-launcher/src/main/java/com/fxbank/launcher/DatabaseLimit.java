package com.fxbank.launcher;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What PostgreSQL itself can do on this machine, to put the benchmark's throughput in proportion:
 * pgbench's built-in simple-update TPS, and how many commits the bank's databases made (pg_stat_database).
 */
final class DatabaseLimit {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");

    private final String server;
    private final String user;
    private final String password;
    private final String prefix;
    private final List<String> databases;

    DatabaseLimit(LaunchSettings settings, List<String> services) {
        this.server = settings.postgresUrl().orElseThrow().replaceAll("/+$", "");
        this.user = settings.postgresUser();
        this.password = settings.postgresPassword();
        this.prefix = settings.databasePrefix();
        this.databases = services.stream().map(service -> settings.databasePrefix() + service).toList();
    }

    /** Commits of each of the bank's databases so far (every transaction, reads included), by service. */
    Map<String, Long> commits() {
        String names = String.join("','", databases);
        Map<String, Long> commits = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(server + "/postgres", user, password);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(
                     "SELECT datname, xact_commit FROM pg_stat_database WHERE datname IN ('" + names + "')")) {
            while (rs.next()) {
                commits.put(rs.getString(1).substring(prefix.length()), rs.getLong(2));
            }
            return commits;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read pg_stat_database: " + e.getMessage(), e);
        }
    }

    /** pgbench -b simple-update for {@code seconds} on a scratch database; empty if pgbench is not installed. */
    Optional<Double> simpleUpdateTps(int seconds, int clients) {
        URI uri = URI.create(server.substring("jdbc:".length()));
        String host = uri.getHost() == null ? "127.0.0.1" : uri.getHost();
        String port = String.valueOf(uri.getPort() < 0 ? 5432 : uri.getPort());
        String database = "fxbank_load_pgbench";
        try {
            run(List.of("pgbench", "-h", host, "-p", port, "-U", user, "-i", "-q", "-s", "1", database), true, database, host, port);
            String output = run(List.of("pgbench", "-h", host, "-p", port, "-U", user, "-n", "-b", "simple-update",
                    "-c", String.valueOf(clients), "-j", "2", "-T", String.valueOf(seconds), database), false, database, host, port);
            Matcher tps = TPS.matcher(output);
            return tps.find() ? Optional.of(Double.parseDouble(tps.group(1))) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private String run(List<String> command, boolean createDatabase, String database, String host, String port) throws Exception {
        if (createDatabase) {
            try (Connection connection = DriverManager.getConnection(server + "/postgres", user, password);
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                statement.execute("CREATE DATABASE " + database);
            }
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", password);
        Process process = builder.start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            reader.lines().forEach(line -> output.append(line).append('\n'));
        }
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        return output.toString();
    }
}
