package com.fxbank.exchange.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.Map;
import java.util.UUID;

import com.fxbank.common.money.Money;
import com.fxbank.exchange.domain.Direction;
import com.fxbank.exchange.domain.MidRate;
import com.fxbank.exchange.domain.Quote;
import com.fxbank.testsupport.PostgresTestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The quotes an instance issued are kept in memory so that executing one needs no read (issue 16): what it finds
 * there must be exactly what a read of the row gives — scales, microseconds — and a quote whose row never committed
 * must never be found. Real PostgreSQL, the service's own migrations.
 */
class IssuedQuotesTest {

    private static final Duration VALIDITY = Duration.ofSeconds(30);
    private static DriverManagerDataSource database;

    @BeforeAll
    static void migrate() {
        PostgresTestDatabase db = PostgresTestDatabase.create("issued_quotes");
        Flyway.configure().dataSource(db.jdbcUrl(), db.username(), db.password())
                .locations("classpath:db/migration/exchange")
                .placeholders(Map.of("business_zone", "Asia/Seoul")) // what exchange-service.yml gives Flyway
                .load().migrate();
        database = new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password());
    }

    @Test
    void a_quote_this_instance_issued_is_found_exactly_as_its_row_reads_and_another_instance_reads_the_row() {
        QuoteJdbcStore issuing = new QuoteJdbcStore(JdbcClient.create(database), VALIDITY);
        // More precision than the columns keep: a mid rate of nine decimals, instants in nanoseconds.
        Quote quote = quote(new BigDecimal("1380.123456789"), Instant.parse("2026-11-27T01:02:03.123456789Z"));

        issuing.save(quote);

        Quote fromMemory = issuing.find(quote.id()).orElseThrow();
        Quote fromRow = new QuoteJdbcStore(JdbcClient.create(database), VALIDITY).find(quote.id()).orElseThrow();
        assertThat(fromMemory).isEqualTo(fromRow);
        assertThat(fromMemory.mid().krwPerUnit()).isEqualTo(new BigDecimal("1380.123457"));
        assertThat(fromMemory.createdAt()).isEqualTo(Instant.parse("2026-11-27T01:02:03.123457Z"));
    }

    @Test
    void a_quote_whose_row_rolled_back_is_never_found() {
        QuoteJdbcStore issuing = new QuoteJdbcStore(JdbcClient.create(database), VALIDITY);
        Quote quote = quote(new BigDecimal("1380.00"), Instant.parse("2026-11-27T01:02:03Z"));

        new TransactionTemplate(new DataSourceTransactionManager(database)).executeWithoutResult(status -> {
            issuing.save(quote);
            status.setRollbackOnly();
        });

        assertThat(issuing.find(quote.id())).isEmpty();
    }

    private static Quote quote(BigDecimal mid, Instant at) {
        return new Quote(UUID.randomUUID(), "alice", Direction.BUY, Money.of("100.00", "USD"), Money.of("138690", "KRW"),
                Quote.Named.FX_AMOUNT, new BigDecimal("1386.9000"), 50,
                new MidRate(Currency.getInstance("USD"), mid, "test", at), at, at.plus(VALIDITY),
                Money.of("100.00", "USD"));
    }
}
