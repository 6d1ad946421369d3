package com.fxbank.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A database of its own on the real PostgreSQL, created for a test class and dropped when the test JVM
 * ends. There is no fallback to another database: if PostgreSQL is unreachable, every test that needs it
 * fails at once with a message that says how to start it or where to point the tests.
 *
 * <p>Where PostgreSQL is comes from the environment:
 * {@code FXBANK_TEST_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/postgres}, any database the
 * user may connect to), {@code FXBANK_TEST_PG_USER} (default {@code postgres}) and
 * {@code FXBANK_TEST_PG_PASSWORD} (default empty, for trust authentication).
 */
public final class PostgresTestDatabase {

    private static final String ADMIN_URL = env("FXBANK_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String USER = env("FXBANK_TEST_PG_USER", "postgres");
    private static final String PASSWORD = env("FXBANK_TEST_PG_PASSWORD", "");

    /** Remembered so that, when PostgreSQL is down, the second test fails as fast as the first. */
    private static volatile String unreachable;

    private final String name;
    private final String url;

    private PostgresTestDatabase(String name) {
        this.name = name;
        this.url = ADMIN_URL.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
    }

    /** Creates {@code fxbank_test_<purpose>_<random>}; it is dropped when the JVM exits. */
    public static PostgresTestDatabase create(String purpose) {
        String name = ("fxbank_test_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        PostgresTestDatabase database = new PostgresTestDatabase(name);
        execute("CREATE DATABASE " + name);
        Runtime.getRuntime().addShutdownHook(new Thread(database::drop, "drop-" + name));
        return database;
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return url;
    }

    public String username() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    /** Points Spring Boot's data source at this database. */
    public void register(DynamicPropertyRegistry registry) {
        register(registry, "spring.datasource");
    }

    public void register(DynamicPropertyRegistry registry, String prefix) {
        registry.add(prefix + ".url", this::jdbcUrl);
        registry.add(prefix + ".username", this::username);
        registry.add(prefix + ".password", this::password);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, credentials());
    }

    private void drop() {
        try {
            execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (RuntimeException e) {
            System.err.println("could not drop test database " + name + ": " + e.getMessage());
        }
    }

    private static void execute(String sql) {
        if (unreachable != null) {
            throw new IllegalStateException(unreachable);
        }
        try (Connection connection = DriverManager.getConnection(ADMIN_URL, credentials());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            if ("08001".equals(e.getSQLState()) || "08004".equals(e.getSQLState()) || e.getSQLState() == null
                    || e.getSQLState().startsWith("28")) {
                unreachable = howToReach(e);
                throw new IllegalStateException(unreachable, e);
            }
            throw new IllegalStateException("PostgreSQL refused: " + sql + ": " + e.getMessage(), e);
        }
    }

    private static String howToReach(SQLException cause) {
        return """
                FxBank's tests need a real PostgreSQL and cannot reach it at %s as user '%s': %s
                  - start the local one:   pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start
                                           (or: sudo systemctl start postgresql)
                  - or point the tests at another one with FXBANK_TEST_PG_URL, FXBANK_TEST_PG_USER, FXBANK_TEST_PG_PASSWORD
                    (the user must be allowed to CREATE DATABASE)."""
                .formatted(ADMIN_URL, USER, cause.getMessage());
    }

    private static Properties credentials() {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", PASSWORD);
        properties.setProperty("connectTimeout", "3");
        properties.setProperty("loginTimeout", "5");
        return properties;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
