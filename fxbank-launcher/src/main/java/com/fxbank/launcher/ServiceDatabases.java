package com.fxbank.launcher;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** One database per service (DESIGN.md §1): an H2 file in PostgreSQL mode, or a database on PostgreSQL. */
final class ServiceDatabases {

    private final LaunchSettings settings;

    ServiceDatabases(LaunchSettings settings) {
        this.settings = settings;
    }

    /** The JDBC URL of the service's database, created on PostgreSQL if it does not exist yet. */
    String urlOf(String database) {
        if (settings.postgresUrl().isEmpty()) {
            return "jdbc:h2:file:" + settings.dataDir().resolve(database).toAbsolutePath()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        }
        String server = settings.postgresUrl().get().replaceAll("/+$", "");
        createIfMissing(server, database);
        return server + "/" + database;
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
