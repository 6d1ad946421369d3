package com.fxbank.exchange.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fxbank.testsupport.PostgresTestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The migration that adds each customer's completed total per business day fills it in for the exchanges that
 * completed before it ran, each in the business day it started in the configured zone, so that the large-exchange
 * report and the audit hold for a bank upgraded in place (real PostgreSQL, the real migrations).
 */
class CompletedTotalsMigrationTest {

    @Test
    void completed_exchanges_from_before_the_migration_count_in_the_business_day_they_started() throws SQLException {
        PostgresTestDatabase database = PostgresTestDatabase.create("v10");
        migrate(database, "9");
        try (Connection db = database.connect()) {
            // 01:00 on 3 December in Seoul, and 23:00 on the 2nd: one UTC day, two business days.
            exchange(db, "alice", "COMPLETED", "100.00", "2026-12-02T16:00:00Z");
            exchange(db, "alice", "COMPLETED", "50.00", "2026-12-02T14:00:00Z");
            exchange(db, "alice", "FAILED_REFUNDED", "70.00", "2026-12-02T17:00:00Z");
            exchange(db, "alice", "CANCELING_WITHDRAWAL", "30.00", "2026-12-02T18:00:00Z");
            exchange(db, "bob", "COMPLETED", "9.99", "2026-12-02T19:00:00Z");
            usage(db, "alice", "DAY", "2026-12-03", "130.00");
            usage(db, "alice", "DAY", "2026-12-02", "50.00");
            usage(db, "alice", "YEAR", "2026-01-01", "180.00");
            usage(db, "bob", "DAY", "2026-12-03", "9.99");
        }
        migrate(database, "latest");
        try (Connection db = database.connect()) {
            assertThat(completed(db, "alice", "DAY", "2026-12-03")).isEqualByComparingTo("100.00");
            assertThat(completed(db, "alice", "DAY", "2026-12-02")).isEqualByComparingTo("50.00");
            assertThat(completed(db, "alice", "YEAR", "2026-01-01")).isEqualByComparingTo("0");
            assertThat(completed(db, "bob", "DAY", "2026-12-03")).isEqualByComparingTo("9.99");
        }
    }

    private static void migrate(PostgresTestDatabase database, String target) {
        Flyway.configure().dataSource(database.jdbcUrl(), database.username(), database.password())
                .locations("classpath:db/migration/exchange").placeholders(Map.of("business_zone", "Asia/Seoul"))
                .target(target).load().migrate();
    }

    private static void exchange(Connection db, String owner, String state, String usd, String at) throws SQLException {
        UUID quote = UUID.randomUUID();
        Timestamp when = Timestamp.from(Instant.parse(at));
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO quote (id, owner, direction, currency, fx_amount, "
                + "krw_amount, rate, created_at, expires_at, usd_equivalent) VALUES (?, ?, 'BUY', 'USD', ?, 1, 1, ?, ?, ?)")) {
            insert.setObject(1, quote);
            insert.setString(2, owner);
            insert.setBigDecimal(3, new BigDecimal(usd));
            insert.setTimestamp(4, when);
            insert.setTimestamp(5, when);
            insert.setBigDecimal(6, new BigDecimal(usd));
            insert.executeUpdate();
        }
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO exchange (id, owner, quote_id, idempotency_key, "
                + "state, attempts, needs_attention, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, FALSE, ?, ?)")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, owner);
            insert.setObject(3, quote);
            insert.setString(4, quote.toString());
            insert.setString(5, state);
            insert.setTimestamp(6, when);
            insert.setTimestamp(7, when);
            insert.executeUpdate();
        }
    }

    private static void usage(Connection db, String owner, String period, String start, String used) throws SQLException {
        try (Statement insert = db.createStatement()) {
            insert.executeUpdate("INSERT INTO customer_usage (owner, period, period_start, used) VALUES ('" + owner + "', '"
                    + period + "', DATE '" + start + "', " + used + ")");
        }
    }

    private static BigDecimal completed(Connection db, String owner, String period, String start) throws SQLException {
        try (Statement query = db.createStatement();
             ResultSet row = query.executeQuery("SELECT completed FROM customer_usage WHERE owner = '" + owner
                     + "' AND period = '" + period + "' AND period_start = DATE '" + start + "'")) {
            row.next();
            return row.getBigDecimal(1);
        }
    }
}
