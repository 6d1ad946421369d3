package com.fxbank.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import com.fxbank.testsupport.PostgresTestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

/**
 * An upgrade that balances: a ledger filled by the version before the books (schema V2, entries with no legs) is
 * migrated, and every entry has its counter-leg, so the books balance from the first minute.
 */
class BooksMigrationTest {

    @Test
    void the_migration_gives_every_entry_of_the_previous_version_its_counter_leg() throws Exception {
        PostgresTestDatabase database = PostgresTestDatabase.create("books_migration");
        flyway(database).target("2").load().migrate();
        try (Connection db = database.connect(); Statement sql = db.createStatement()) {
            // What the previous version wrote: two customers, top-ups, an exchange's withdrawal, a refunded one, a deposit.
            sql.executeUpdate("""
                    INSERT INTO account (id, owner, currency, balance, opened_at) VALUES
                      ('00000000-0000-0000-0000-00000000000a', 'alice', 'KRW', 760000, CURRENT_TIMESTAMP),
                      ('00000000-0000-0000-0000-00000000000b', 'bob', 'USD', 75.5, CURRENT_TIMESTAMP)""");
            sql.executeUpdate("""
                    INSERT INTO ledger_entry (account_id, kind, amount, balance_after, reference, created_at) VALUES
                      ('00000000-0000-0000-0000-00000000000a', 'TOP_UP', 1000000, 1000000, 'seed-alice', CURRENT_TIMESTAMP),
                      ('00000000-0000-0000-0000-00000000000a', 'WITHDRAWAL', -240000, 760000, 'ex-1', CURRENT_TIMESTAMP),
                      ('00000000-0000-0000-0000-00000000000a', 'WITHDRAWAL', -10000, 750000, 'ex-2', CURRENT_TIMESTAMP),
                      ('00000000-0000-0000-0000-00000000000a', 'WITHDRAWAL_REFUND', 10000, 760000, 'ex-2', CURRENT_TIMESTAMP),
                      ('00000000-0000-0000-0000-00000000000b', 'TOP_UP', 0.5, 0.5, 'seed-bob', CURRENT_TIMESTAMP),
                      ('00000000-0000-0000-0000-00000000000b', 'DEPOSIT', 75, 75.5, 'ex-3', CURRENT_TIMESTAMP)""");
        }

        flyway(database).load().migrate();

        try (Connection db = database.connect(); Statement sql = db.createStatement()) {
            try (ResultSet rs = sql.executeQuery("""
                    SELECT count(*) FROM ledger_entry e LEFT JOIN posting_leg l ON l.entry_id = e.id
                    WHERE l.entry_id IS NULL OR l.amount <> -e.amount""")) {
                rs.next();
                assertThat(rs.getLong(1)).as("entries without their counter-leg").isZero();
            }
            Map<String, BigDecimal> bank = new HashMap<>();
            try (ResultSet rs = sql.executeQuery(
                    "SELECT bank_account || ' ' || currency, SUM(amount) FROM posting_leg GROUP BY bank_account, currency")) {
                while (rs.next()) {
                    bank.put(rs.getString(1), rs.getBigDecimal(2));
                }
            }
            assertThat(bank).hasSize(4);
            assertThat(bank.get("FUNDING KRW")).isEqualByComparingTo("-1000000");
            assertThat(bank.get("POSITION KRW")).isEqualByComparingTo("240000");
            assertThat(bank.get("FUNDING USD")).isEqualByComparingTo("-0.5");
            assertThat(bank.get("POSITION USD")).isEqualByComparingTo("-75");
            try (ResultSet rs = sql.executeQuery("""
                    SELECT a.currency, SUM(a.balance) + (SELECT SUM(l.amount) FROM posting_leg l WHERE l.currency = a.currency)
                    FROM account a GROUP BY a.currency""")) {
                while (rs.next()) {
                    assertThat(rs.getBigDecimal(2)).as("customers + bank in " + rs.getString(1)).isEqualByComparingTo("0");
                }
            }
        }
    }

    private static FluentConfiguration flyway(PostgresTestDatabase database) {
        return Flyway.configure().dataSource(database.jdbcUrl(), database.username(), database.password())
                .locations("classpath:db/migration/account");
    }
}
