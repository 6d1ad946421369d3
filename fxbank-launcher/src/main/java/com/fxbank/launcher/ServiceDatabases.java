package com.fxbank.launcher;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** One database per service (DESIGN.md §1): an H2 file in PostgreSQL mode, or a database on PostgreSQL. */
public final class ServiceDatabases {

    private final LaunchSettings settings;

    public ServiceDatabases(LaunchSettings settings) {
        this.settings = settings;
    }

    String user() {
        return settings.postgresUrl().isPresent() ? settings.postgresUser() : "sa";
    }

    String password() {
        return settings.postgresUrl().isPresent() ? settings.postgresPassword() : "";
    }

    /** The JDBC URL of the service's database, created on PostgreSQL if it does not exist yet. */
    String urlOf(String service) {
        String database = settings.databasePrefix() + service;
        if (settings.postgresUrl().isEmpty()) {
            return "jdbc:h2:file:" + settings.dataDir().resolve(database).toAbsolutePath()
                    // AUTO_SERVER: ./fxbank audit, another process, can read the files while the bank runs.
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE";
        }
        String server = settings.postgresUrl().get().replaceAll("/+$", "");
        createIfMissing(server, database);
        // The batch consumers write a poll's rows with JDBC batches: PostgreSQL's driver then sends each
        // batch of INSERTs as multi-row INSERTs, one statement for the server to run instead of one per row.
        return server + "/" + database + "?reWriteBatchedInserts=true";
    }

    /** Drops the databases of a benchmark before it runs, so it starts from nothing; refuses unprefixed names. */
    void dropAll(List<String> services) {
        if (settings.databasePrefix().isEmpty() || settings.postgresUrl().isEmpty()) {
            return;
        }
        String server = settings.postgresUrl().get().replaceAll("/+$", "");
        try (Connection connection = DriverManager.getConnection(server + "/postgres",
                settings.postgresUser(), settings.postgresPassword());
             Statement statement = connection.createStatement()) {
            for (String service : services) {
                statement.execute("DROP DATABASE IF EXISTS " + settings.databasePrefix() + service + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the benchmark's databases: " + e.getMessage(), e);
        }
    }

    private void createIfMissing(String server, String database) {
        try (Connection connection = DriverManager.getConnection(server + "/postgres",
                settings.postgresUser(), settings.postgresPassword());
             Statement statement = connection.createStatement()) {
            boolean exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'").next();
            if (!exists) {
                statement.execute("CREATE DATABASE " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach PostgreSQL at " + server + " as " + settings.postgresUser()
                    + " to create database " + database + ": " + e.getMessage()
                    + "\n  start it (pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) "
                    + "or run without --postgres to use the embedded databases", e);
        }
    }
}
